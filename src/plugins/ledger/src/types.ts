/**
 * The ledger's public contract. Other plugins resolve `valueAccountService`,
 * `cardService` and `codeRangeService` from Medusa's container and program
 * against these types (import type { … } from "@customer-modules/ledger").
 */

export type AccountKind = "gift_card" | "prepaid_card" | "customer_account" | "points"
export type AccountStatus = "active" | "blocked" | "closed"
export type TransactionType =
  | "issue"
  | "load"
  | "redeem"
  | "charge"
  | "settle"
  | "grant"
  | "adjust"
  | "reverse"
  | "expire"
  | "clear"
  // Activity without a change of balance (amount 0), so the history shows it.
  | "activate"
  | "block"
  | "unblock"
  | "close"

export type CardKind = "gift_card" | "prepaid_card" | "customer_card"
/** `inactive`: pre-printed, not yet sold or activated; cannot be used. */
export type CardStatus = "inactive" | "active" | "blocked"
export type IdentifierKind = "printed" | "barcode" | "qr" | "rfid"

/** Who and where: attributed on every transaction. */
export type TransactionContext = {
  reference?: string | null
  location_id?: string | null
  terminal_id?: string | null
  staff_id?: string | null
  metadata?: Record<string, unknown> | null
  /**
   * The caller's business key for this change (e.g. `earn:order_123`): a second
   * call with the same key returns the first transaction and changes nothing.
   */
  idempotency_key?: string | null
}

export type ValueAccountDTO = {
  id: string // vacc_…
  kind: AccountKind
  /** ISO 4217 code, lower case ("eur"); "pts" for points accounts. */
  currency_code: string
  customer_id: string | null
  status: AccountStatus
  /** Integer minor units (or points). The balance never goes below it: 0, or −credit limit. */
  lower_bound: number
  balance: number
  /** Value left after this instant may be expired; null: no limit. */
  expires_at: Date | null
  metadata: Record<string, unknown> | null
  created_at: Date
  updated_at: Date
}

export type LedgerTransactionDTO = {
  id: string // ltx_…
  account_id: string
  type: TransactionType
  /** Signed: credits positive, debits negative. */
  amount: number
  balance_after: number
  currency_code: string
  /** Set on a reversal: the transaction it undoes (a transaction is reversed at most once). */
  reverses_id: string | null
  reference: string | null
  location_id: string | null
  terminal_id: string | null
  staff_id: string | null
  metadata: Record<string, unknown> | null
  created_at: Date
}

export type CardIdentifierDTO = {
  id: string // cid_…
  card_id: string
  kind: IdentifierKind
  /** As given (printed form). */
  value: string
  /** Upper case, without spaces and dashes: what lookups match on (unique). */
  normalized: string
}

export type CardDTO = {
  id: string // card_…
  kind: CardKind
  /** The printed number (generated codes in groups of four: XXXX-XXXX-XXXX-XXXX). */
  code: string
  status: CardStatus
  customer_id: string | null
  /** The card's own value account (gift and prepaid cards). */
  account_id: string | null
  /** Set when the card was replaced (lost): the card that carries on. */
  replaced_by_id: string | null
  identifiers: CardIdentifierDTO[]
  metadata: Record<string, unknown> | null
  created_at: Date
  updated_at: Date
}

/** A card without its identifiers (what a movement by code answers). */
export type CardSummary = Omit<CardDTO, "identifiers">

export type BalanceMismatch = {
  account_id: string
  balance: number
  transactions_sum: number
  difference: number
}

/** What a check of the whole ledger found; empty lists mean every account adds up. */
export type LedgerVerification = {
  checked_accounts: number
  checked_transactions: number
  mismatches: BalanceMismatch[]
  /** Transactions whose balance_after is not the previous one plus their amount. */
  broken_chains: { account_id: string; transaction_id: string; balance_after: number; expected: number }[]
}

export type CodeRangeDTO = {
  id: string // crng_…
  name: string
  /** The kind of card this range numbers. */
  card_kind: CardKind
  /** Upper-case letters and digits, may be empty. */
  prefix: string
  start: number
  end: number
  /** The next number to issue; `end + 1` when exhausted. */
  next: number
  /** Digits the number is zero-padded to (length of `end`). */
  width: number
  created_at: Date
}

/**
 * Errors (DomainError from @customer-modules/core, with `type` and `status`):
 * - not_found (404): unknown account, card, code or transaction
 * - invalid_code (400): looks like a generated code but its check character is wrong
 * - invalid_amount (400): not a positive safe integer
 * - insufficient_balance (409): a debit would take the balance below its lower bound
 * - account_blocked (409) / account_closed (409) / card_blocked (409) / card_inactive (409)
 * - currency_mismatch (422)
 * - code_taken (409): the code or identifier is already used by another card
 * - range_invalid (400), range_overlap (409), range_exhausted (409)
 */

/** Movements of one kind of account over a period (see ValueAccountService.summarize). */
export type LedgerSummary = {
  /** Sum of all those accounts' balances at the start of the period. */
  opening: number
  /** … and at its end: opening plus every movement below. */
  closing: number
  movements: { location_id: string | null; type: TransactionType; amount: number; count: number }[]
}

/** A value card (voucher, prepaid card) with its balance, as the plugins answer it: `valueCardView`. */
export type ValueCardView = {
  id: string
  code: string
  balance: number
  currency_code: string
  customer_id: string | null
  status: CardStatus
}
