/** What a terminal key may do; a key carries one or more scopes. */
export const POS_SCOPES = ["gift_card", "prepaid_charge", "prepaid_topup", "loyalty", "debtor", "feedback"] as const

export type PosScope = (typeof POS_SCOPES)[number]

export function isPosScope(value: unknown): value is PosScope {
  return typeof value === "string" && (POS_SCOPES as readonly string[]).includes(value)
}
