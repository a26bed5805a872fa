import type { EntityManager } from "typeorm"

/**
 * The rows of a query. TypeORM answers `UPDATE/DELETE … RETURNING` as
 * `[rows, affected]` on PostgreSQL and plain rows for everything else.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function rows<T = Record<string, any>>(manager: EntityManager, text: string, params?: unknown[]): Promise<T[]> {
  const r = await manager.query(text, params)
  return Array.isArray(r) && r.length === 2 && Array.isArray(r[0]) && typeof r[1] === "number" ? (r[0] as T[]) : (r as T[])
}
