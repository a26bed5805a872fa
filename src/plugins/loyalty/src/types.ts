import type { CardDTO, LedgerTransactionDTO } from "@customer-modules/ledger"

/** A customer as loyalty shows it; `email` is null when only a placeholder is stored (decision 30). */
export type LoyaltyCustomer = {
  id: string
  first_name: string | null
  last_name: string | null
  email: string | null
  phone: string | null
  birthday: string | null
  has_account: boolean
  /** Agreed to marketing mails (birthday and reactivation mails go only to these). */
  marketing_consent: boolean
}

/**
 * A customer as a till's search shows them: no birthday, and of the cards
 * only the one that was scanned (a card code is a bearer credential).
 */
export type TillCustomer = Omit<LoyaltyCustomer, "birthday"> & { points: number; cards: LoyaltyCard[] }

/** A customer card as the POS contract shows it. */
export type LoyaltyCard = Pick<CardDTO, "id" | "code" | "kind" | "status" | "customer_id">

/** One sale that earned points (a till receipt or a web order). */
export type LoyaltyVisit = {
  id: string
  source: "pos" | "web"
  order_id: string | null
  location_id: string | null
  reference: string | null
  amount_minor: number
  currency_code: string
  points_earned: number
  points_taken_back: number
  created_at: Date
}

export type LoyaltyReward = {
  id: string
  title: string
  points: number
  kind: "product_variant" | "discount"
  variant_id: string | null
  discount_amount: number | null
  currency_code: string | null
  active: boolean
  created_at: Date
  updated_at: Date
}

/** Who did it and where: spread into the ledger's TransactionContext. */
export type LoyaltyContext = {
  location_id?: string | null
  terminal_id?: string | null
  staff_id?: string | null
}

export type PointsMovement = { points: number; transaction: LedgerTransactionDTO }

/** A line of a till receipt, for exclusions: what it cost and what it was (any one identifier). */
export type TillLine = { amount: number; product_id?: string; variant_id?: string; sku?: string; category_id?: string }
