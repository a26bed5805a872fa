import type { Customer } from "@medusajs/medusa"

import { DomainError } from "@customer-modules/core"
import type { CardDTO } from "@customer-modules/ledger"

import type { LoyaltyCard, LoyaltyCustomer, LoyaltyReward } from "../types"

/** Domain of the placeholder e-mail of customers registered at a till without one (never mailed: RFC 2606). */
export const PLACEHOLDER_DOMAIN = "loyalty.invalid"
/** Largest page of search results, reward lists and birthday lists. */
export const MAX_LIST = 500

/** A row of `loyalty_member`: the programme's data on one Medusa customer. */
export type MemberRow = {
  customer_id: string
  account_id: string | null
  birthday: string | null
  phone: string | null
  email_placeholder: boolean
  marketing_consent: boolean
}

/** What usableCard looks at. */
export type UsableCardFields = Pick<CardDTO, "code" | "kind" | "status" | "customer_id">

/** A customer card that may earn and redeem: customer card, issued, not blocked, with a customer. */
export function usableCard<C extends UsableCardFields>(card: C): C {
  if (card.kind !== "customer_card") {
    throw new DomainError("wrong_card_kind", `${card.code} is not a customer card`, 422)
  }
  if (card.status === "inactive" || !card.customer_id) {
    throw new DomainError("card_inactive", `Card ${card.code} has not been issued yet; register a customer with it`, 409)
  }
  if (card.status === "blocked") {
    throw new DomainError("card_blocked", `Card ${card.code} is blocked`, 409)
  }
  return card
}

export function customerView(c: Customer, member: Pick<MemberRow, "birthday" | "phone" | "email_placeholder" | "marketing_consent"> | null): LoyaltyCustomer {
  const placeholder = member?.email_placeholder || (c.email ?? "").endsWith(`@${PLACEHOLDER_DOMAIN}`)
  return {
    id: c.id,
    first_name: c.first_name ?? null,
    last_name: c.last_name ?? null,
    email: placeholder ? null : (c.email ?? null),
    phone: c.phone ?? member?.phone ?? null,
    birthday: member?.birthday ?? null,
    has_account: !!c.has_account,
    marketing_consent: !!member?.marketing_consent,
  }
}

export function cardView(card: CardDTO): LoyaltyCard {
  return { id: card.id, code: card.code, kind: card.kind, status: card.status, customer_id: card.customer_id }
}

export function rewardView(r: Record<string, unknown>): LoyaltyReward {
  return {
    id: r.id as string,
    title: r.title as string,
    points: Number(r.points),
    kind: r.kind as LoyaltyReward["kind"],
    variant_id: (r.variant_id as string | null) ?? null,
    discount_amount: r.discount_amount === null ? null : Number(r.discount_amount),
    currency_code: (r.currency_code as string | null) ?? null,
    active: !!r.active,
    created_at: r.created_at as Date,
    updated_at: r.updated_at as Date,
  }
}
