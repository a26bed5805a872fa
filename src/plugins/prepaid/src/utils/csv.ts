import { csvOf } from "@customer-modules/core"
import type { LedgerTransactionDTO } from "@customer-modules/ledger"

export const CSV_COLUMNS = [
  "created_at",
  "transaction_id",
  "card_code",
  "customer_id",
  "type",
  "amount_minor",
  "currency_code",
  "balance_after_minor",
  "tender",
  "reference",
  "location_id",
  "location_name",
  "terminal_id",
  "staff_id",
] as const

/**
 * Ledger transactions as CSV (core's csvOf; UTC instants
 * in ISO 8601; amounts in minor units, signed).
 */
export function transactionsCsv(
  rows: { transaction: LedgerTransactionDTO; code: string; customer_id: string | null }[],
  locationNames: Map<string, string>
): string {
  return csvOf(
    rows.map(({ transaction: t, code, customer_id }) => [
      new Date(t.created_at).toISOString(),
      t.id,
      code,
      customer_id ?? "",
      t.type,
      t.amount,
      t.currency_code,
      t.balance_after,
      typeof t.metadata?.tender === "string" ? t.metadata.tender : "",
      t.reference ?? "",
      t.location_id ?? "",
      t.location_id ? (locationNames.get(t.location_id) ?? "") : "",
      t.terminal_id ?? "",
      t.staff_id ?? "",
    ]),
    CSV_COLUMNS
  )
}
