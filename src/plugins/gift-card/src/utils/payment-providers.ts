/**
 * What the embed pages need to know about a payment provider, in one place:
 * whether its payment step must run in a top-level page (it cannot run inside
 * the merchant's iframe: 3-D Secure redirects, wallets, bank redirects), and
 * which client-side step it has (`stripe`: Stripe's Payment Element; `direct`:
 * none, the cart completes at once, like the manual provider).
 */
export type PaymentProviderTraits = { id: string; top_level: boolean; client: "stripe" | "direct" }

/** The providers of `medusa-payment-stripe` 6.x. */
export const STRIPE_PROVIDERS = ["stripe", "stripe-blik", "stripe-bancontact", "stripe-giropay", "stripe-ideal", "stripe-przelewy24"]

/**
 * The providers whose payment step needs a top-level page: the plugin option
 * `topLevelPaymentProviders` (comma-separated ids, from PAYMENT_TOP_LEVEL_PROVIDERS)
 * when given, else Stripe's.
 */
export function topLevelProviders(option: unknown): Set<string> {
  const given = typeof option === "string" ? option.split(",").map((s) => s.trim()).filter(Boolean) : []
  return new Set(given.length ? given : STRIPE_PROVIDERS)
}

/**
 * Providers the embed pages never offer: the buyer there is a guest, and "on invoice"
 * (the debtor plugin's `invoice`) is only for customers the merchant approved.
 */
export const NOT_FOR_GUESTS = new Set(["invoice"])

export function traitsOf(providerId: string, topLevel: Set<string>): PaymentProviderTraits {
  return { id: providerId, top_level: topLevel.has(providerId), client: STRIPE_PROVIDERS.includes(providerId) ? "stripe" : "direct" }
}
