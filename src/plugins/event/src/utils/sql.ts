import type { EntityManager } from "typeorm"

/**
 * The rows of an `UPDATE … RETURNING` (TypeORM's PostgreSQL driver answers an
 * UPDATE with `[rows, count]`, an INSERT or SELECT with the rows alone).
 */
export async function updated<T = Record<string, unknown>>(m: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  const result = await m.query(sql, params)
  return (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === "number" ? result[0] : result) as T[]
}
