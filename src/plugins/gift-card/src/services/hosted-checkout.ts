import { TransactionBaseService } from "@medusajs/medusa"
import { EntityManager } from "typeorm"

import { ActionTokens, DomainError } from "@customer-modules/core"

import { SHOP_CART_KEY } from "./voucher-shop"
import { NOT_FOR_GUESTS, PaymentProviderTraits, topLevelProviders, traitsOf } from "../utils/payment-providers"

type InjectedDependencies = { manager: EntityManager; configModule: { projectConfig: { jwt_secret?: string } } }

export type HostedCheckoutOptions = { topLevelPaymentProviders?: string; stripePublishableKey?: string }

/** How long a checkout link stays valid: long enough to pay, short enough not to matter when it leaks. */
export const CHECKOUT_TOKEN_MINUTES = 30
/** Cart metadata of the carts that the embed pages pay: the voucher shop's, a blank voucher's, a prepaid card's top-up. */
const PAYABLE_CART_KEYS = [SHOP_CART_KEY, "prepaid_top_up"]

/**
 * The payment step of the embed pages (voucher shop, top-up) when it cannot
 * run in the merchant's iframe: a signed, short-lived token names the cart
 * (`<cart>.<expiry>.<signature>`), the top-level page `/embed/checkout?token=`
 * pays it, and the framed page learns the outcome by message or by asking
 * `status`. No cookie carries the cart, so no third-party cookie is needed.
 */
export default class HostedCheckoutService extends TransactionBaseService {
  protected readonly tokens_: ActionTokens
  protected readonly topLevel_: Set<string>
  readonly stripePublishableKey: string | null

  constructor(container: InjectedDependencies, options: HostedCheckoutOptions = {}) {
    super(container)
    const secret = container.configModule?.projectConfig?.jwt_secret
    if (!secret) {
      throw new Error("projectConfig.jwt_secret is not set")
    }
    this.tokens_ = new ActionTokens(secret, "voucher-shop-checkout")
    this.topLevel_ = topLevelProviders(options.topLevelPaymentProviders)
    this.stripePublishableKey = options.stripePublishableKey || null
  }

  traits(providerId: string): PaymentProviderTraits {
    return traitsOf(providerId, this.topLevel_)
  }

  /** A checkout token for an open cart of the embed pages, and the providers of its payment sessions. */
  async start(cartId: string, now = new Date()): Promise<{ token: string; expires_at: string; checkout_url: string; providers: PaymentProviderTraits[] }> {
    const cart = await this.cart_(cartId)
    if (cart.completed_at) {
      throw new DomainError("cart_completed", "This cart has been paid already", 409)
    }
    const expires = Math.floor(now.getTime() / 1000) + CHECKOUT_TOKEN_MINUTES * 60
    const token = `${cartId}.${expires}.${this.tokens_.sign(`${cartId}.${expires}`)}`
    const sessions: { provider_id: string }[] = await this.activeManager_.query(
      `SELECT provider_id FROM payment_session WHERE cart_id = $1 ORDER BY provider_id`,
      [cartId]
    )
    return {
      token,
      expires_at: new Date(expires * 1000).toISOString(),
      checkout_url: `/embed/checkout?token=${encodeURIComponent(token)}`,
      providers: this.ordered_(sessions),
    }
  }

  /** The cart a token names; 403 `invalid_token` for a forged, changed or expired one. */
  verify(token: unknown, now = new Date()): string {
    const parts = typeof token === "string" && token.length <= 200 ? token.split(".") : []
    const [cartId, expires, signature] = parts
    if (parts.length !== 3 || !/^\d{1,12}$/.test(expires) || !this.tokens_.verify(`${cartId}.${expires}`, signature)) {
      throw new DomainError("invalid_token", "This payment link is not valid", 403)
    }
    if (Number(expires) * 1000 <= now.getTime()) {
      throw new DomainError("invalid_token", "This payment link has expired; start again from the shop", 403)
    }
    return cartId
  }

  /** Where a token's cart stands: `pending` until its order exists, then `completed` with the order. */
  async status(cartId: string): Promise<{ status: "pending" | "completed"; order_id: string | null }> {
    const [order]: { id: string }[] = await this.activeManager_.query(`SELECT id FROM "order" WHERE cart_id = $1 LIMIT 1`, [cartId])
    return order ? { status: "completed", order_id: order.id } : { status: "pending", order_id: null }
  }

  /** What the top-level page shows: total, currency, and the providers of the cart's sessions. */
  async summary(cartId: string): Promise<{ cart_id: string; total: number; currency_code: string; completed: boolean; providers: PaymentProviderTraits[] }> {
    const cart = await this.cart_(cartId)
    const [{ total }] = await this.activeManager_.query(`SELECT COALESCE(sum(unit_price * quantity), 0)::int AS total FROM line_item WHERE cart_id = $1`, [cartId])
    const sessions: { provider_id: string }[] = await this.activeManager_.query(`SELECT provider_id FROM payment_session WHERE cart_id = $1 ORDER BY provider_id`, [cartId])
    return { cart_id: cartId, total, currency_code: cart.currency_code, completed: Boolean(cart.completed_at), providers: this.ordered_(sessions) }
  }

  /** The cart's providers, the page's choice first: a real one before the manual provider (development's, paid by hand). */
  protected ordered_(sessions: { provider_id: string }[]): PaymentProviderTraits[] {
    return sessions.filter((s) => !NOT_FOR_GUESTS.has(s.provider_id)).map((s) => this.traits(s.provider_id)).sort((a, b) => Number(a.id === "manual") - Number(b.id === "manual"))
  }

  protected async cart_(cartId: string): Promise<{ completed_at: Date | null; currency_code: string }> {
    const [cart]: { metadata: Record<string, unknown> | null; completed_at: Date | null; currency_code: string }[] = await this.activeManager_.query(
      `SELECT c.metadata, c.completed_at, r.currency_code FROM cart c JOIN region r ON r.id = c.region_id WHERE c.id = $1`,
      [cartId]
    )
    if (!cart || !PAYABLE_CART_KEYS.some((k) => cart.metadata?.[k])) {
      throw new DomainError("not_found", "No shop or top-up cart has this id", 404)
    }
    return cart
  }
}
