import { DomainError, localDay } from "@customer-modules/core"
import type { LedgerTransactionDTO, TransactionType } from "@customer-modules/ledger"

/**
 * What a till may reverse (storno): its own kind of movement, made at a till
 * of the same location, recently. Everything else (web-order debits, expiries,
 * admin adjustments and grants, voucher-sale refunds, other locations' or old
 * movements) is corrected in the back office. See decision 0064.
 */

/** Movements a till makes and may take back: sales, top-ups, redemptions, charges, settlements, till points. */
export const TILL_REVERSIBLE: readonly TransactionType[] = ["issue", "load", "redeem", "charge", "settle", "grant"]

/** `day`: until the end of the business day in the location's time zone; else a span in minutes. */
export type ReversalWindow = { kind: "day" } | { kind: "minutes"; minutes: number }

/** Longest span a merchant may configure: a week. */
const MAX_WINDOW_MINUTES = 7 * 24 * 60

/**
 * `POS_REVERSAL_WINDOW`: `day` (default) or a number of minutes (`30`, `90m`,
 * `2h`). Anything else is refused, so the server does not start on a typo.
 */
export function parseReversalWindow(raw: string | undefined): ReversalWindow {
  const value = (raw ?? "").trim().toLowerCase()
  if (value === "" || value === "day") {
    return { kind: "day" }
  }
  const match = /^(\d{1,6})\s*(m|min|h)?$/.exec(value)
  const minutes = match ? Number(match[1]) * (match[2] === "h" ? 60 : 1) : NaN
  if (!Number.isSafeInteger(minutes) || minutes < 1 || minutes > MAX_WINDOW_MINUTES) {
    throw new Error(
      `POS_REVERSAL_WINDOW must be "day" or a number of minutes from 1 to ${MAX_WINDOW_MINUTES} (e.g. 30, 90m, 2h); got ${JSON.stringify(raw)}`
    )
  }
  return { kind: "minutes", minutes }
}

/** The calendar date (YYYY-MM-DD) of an instant in a time zone. */
export const localDate: (at: Date, timeZone: string) => string = localDay

function refuse(message: string): DomainError {
  return new DomainError("not_reversible", message, 422)
}

/**
 * Throws 422 `not_reversible` unless a till at `location` may reverse
 * `original` at `now` under `window`.
 */
export function assertReversibleAtTill(
  original: LedgerTransactionDTO,
  location: { id: string; time_zone: string },
  window: ReversalWindow,
  now: Date = new Date()
): void {
  if (original.type === "reverse") {
    throw refuse("A reversal cannot itself be reversed; record a new transaction instead")
  }
  if (!original.terminal_id || !TILL_REVERSIBLE.includes(original.type)) {
    throw refuse("Only movements made at a till can be reversed at a till; correct this one in the back office")
  }
  if (original.location_id !== location.id) {
    throw refuse("This movement was made at another location; reverse it there or in the back office")
  }
  const made = new Date(original.created_at)
  const inWindow =
    window.kind === "day"
      ? localDate(made, location.time_zone) === localDate(now, location.time_zone)
      : now.getTime() - made.getTime() <= window.minutes * 60_000
  if (!inWindow) {
    throw refuse(
      window.kind === "day"
        ? "Only movements of today can be reversed at a till; correct older ones in the back office"
        : `Only movements of the last ${window.minutes} minutes can be reversed at a till; correct older ones in the back office`
    )
  }
}
