import type { ValueTransformer } from "typeorm"

/**
 * PostgreSQL `bigint` arrives as a string; amounts and balances are used as
 * JavaScript numbers, which hold integers exactly up to 2^53. Inputs are
 * limited to that (see `amountMinor`), so a larger value here is corruption.
 */
export function toSafeInteger(value: string | number | bigint): number {
  const n = typeof value === "number" ? value : Number(value)
  if (!Number.isSafeInteger(n)) {
    throw new Error(`ledger value ${String(value)} is beyond the safe integer range`)
  }
  return n
}

export const bigintColumn: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : toSafeInteger(value)),
}
