import type { LedgerTransactionDTO, ValueCardView } from "@customer-modules/ledger"

/** How a till was paid for a top-up; `adjustment` only from the admin. */
export const TENDERS = ["cash", "card", "online", "voucher", "transfer", "other"] as const
export type Tender = (typeof TENDERS)[number] | "adjustment"

/** A prepaid card as the POS contract shows it. */
export type PrepaidCardView = ValueCardView

/** What the admin and the card's owner see besides the contract's fields. */
export type PrepaidCardDetail = PrepaidCardView & {
  account_id: string
  account_status: string
  /** Minor units per business day of the charging location; null: no limit. */
  daily_limit: number | null
  replaced_by_id: string | null
  identifiers: { kind: string; value: string }[]
  created_at: Date
}

export type PrepaidMovement = { prepaid_card: PrepaidCardView; transaction: LedgerTransactionDTO }

/** Who did it and where: passed into the ledger with every change. */
export type PrepaidContext = {
  location_id?: string | null
  terminal_id?: string | null
  staff_id?: string | null
  reference?: string | null
  idempotency_key?: string | null
}

/** Payloads of the events on Medusa's event bus (`PrepaidCardService.Events`). */
export type PrepaidCardEvent = {
  id: string
  code: string
  account_id: string
  customer_id: string | null
  currency_code: string
  balance: number
  transaction_id?: string
  amount?: number
  tender?: Tender
  location_id?: string | null
  terminal_id?: string | null
  staff_id?: string | null
  /** `.issued`: true when a pre-printed card was activated. */
  activated?: boolean
  /** `.replaced`: the new card. */
  replacement_id?: string
  replacement_code?: string
  order_id?: string
}
