import type { LedgerTransactionDTO } from "@customer-modules/ledger"

/** `months` calendar months before `instant` (UTC), clamped to the month's last day. */
export function monthsBefore(instant: Date, months: number): Date {
  const d = new Date(instant.getTime())
  const day = d.getUTCDate()
  d.setUTCDate(1)
  d.setUTCMonth(d.getUTCMonth() - months)
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate()
  d.setUTCDate(Math.min(day, last))
  return d
}

/**
 * Points left of those earned before `cutoff`, spending oldest first: what was
 * credited before the cutoff, less everything ever debited (redemptions,
 * deductions, earlier expiries), never below zero.
 */
export function unspentBefore(transactions: Pick<LedgerTransactionDTO, "amount" | "created_at">[], cutoff: Date): number {
  let oldCredits = 0
  let debits = 0
  for (const t of transactions) {
    if (t.amount > 0 && new Date(t.created_at) < cutoff) {
      oldCredits += t.amount
    } else if (t.amount < 0) {
      debits -= t.amount
    }
  }
  return Math.max(0, oldCredits - debits)
}
