/** The two gapless number series: invoices (`RE-…`) and credit notes (`GS-…`). */
export const SERIES = { invoice: "RE", credit_note: "GS" } as const
export type Series = keyof typeof SERIES

/** What runs SQL in the caller's transaction (a TypeORM EntityManager, or any client returning rows). */
export type Queryable = { query(sql: string, params?: unknown[]): Promise<{ sequence: number | string }[]> }

/**
 * The next number of a series in a year: one statement that creates the
 * counter row or increments it under its row lock, in the caller's transaction.
 */
export async function nextNumber(manager: Queryable, series: Series, year: number, prefix = ""): Promise<{ number: string; sequence: number }> {
  const [row] = await manager.query(
    `INSERT INTO debtor_number_counter (series, year, prefix, next) VALUES ($1, $2, $3, 2)
     ON CONFLICT (series, year, prefix) DO UPDATE SET next = debtor_number_counter.next + 1
     RETURNING next - 1 AS sequence`,
    [series, year, prefix]
  )
  const sequence = Number(row.sequence)
  const head = prefix ? `${SERIES[series]}-${prefix}` : SERIES[series]
  return { number: `${head}-${year}-${String(sequence).padStart(5, "0")}`, sequence }
}

