import { stringify } from "csv-stringify/sync"

import { CSV_RECORD_DELIMITER, spreadsheetSafe as safe } from "@customer-modules/core"
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
 * Ledger transactions as CSV (RFC 4180 quoting by csv-stringify; UTC instants
 * in ISO 8601; amounts in minor units, signed).
 */
export function transactionsCsv(
  rows: { transaction: LedgerTransactionDTO; code: string; customer_id: string | null }[],
  locationNames: Map<string, string>
): string {
  return stringify(
    rows.map(({ transaction: t, code, customer_id }) => [
      new Date(t.created_at).toISOString(),
      t.id,
      safe(code),
      customer_id ?? "",
      t.type,
      t.amount,
      t.currency_code,
      t.balance_after,
      typeof t.metadata?.tender === "string" ? t.metadata.tender : "",
      safe(t.reference ?? ""),
      t.location_id ?? "",
      safe(t.location_id ? (locationNames.get(t.location_id) ?? "") : ""),
      t.terminal_id ?? "",
      t.staff_id ?? "",
    ]),
    { header: true, columns: [...CSV_COLUMNS], record_delimiter: CSV_RECORD_DELIMITER }
  )
}
