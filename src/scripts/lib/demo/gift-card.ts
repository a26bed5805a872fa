/**
 * Module demo, gift vouchers: the validity settings, vouchers sold at the tills
 * and in the admin over the last months, partly redeemed and reloaded, one
 * blocked, one expired, the voucher shop (settings, a design, a product) and
 * one online sale through the shop's cart and Medusa's checkout. Returns the
 * code of a fresh till voucher for the printed curl line.
 */
import type { CartService, IdempotencyKeyService, OrderService } from "@medusajs/medusa"

import type VoucherService from "@customer-modules/gift-card/dist/services/voucher"
import type VoucherShopService from "@customer-modules/gift-card/dist/services/voucher-shop"
import type { LedgerTransactionDTO, ValueAccountService } from "@customer-modules/ledger"

import type { DemoContext, DemoLocation } from "./context"

/** The voucher shop's motif: a small warm-coloured square (an SVG as a data URL, so the demo needs no file). */
const MOTIF =
  "data:image/svg+xml;base64," +
  Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="300"><rect width="600" height="300" fill="#8a4b2a"/><circle cx="480" cy="80" r="120" fill="#c98b5a"/><text x="40" y="250" font-family="serif" font-size="56" fill="#fff">Demo Café</text></svg>`
  ).toString("base64")

type Step = { day: number; time: string; kind: "redeem" | "reload"; amount: number }

type Sale = {
  amount: number
  day: number
  time: string
  /** Index of the demo location, or null for an admin sale. */
  at: number | null
  customer?: number
  steps: Step[]
}

const SALES: Sale[] = [
  { amount: 5000, day: -118, time: "11:20", at: 0, steps: [{ day: -96, time: "13:05", kind: "redeem", amount: 1480 }, { day: -31, time: "12:40", kind: "redeem", amount: 2250 }] },
  {
    amount: 10000,
    day: -75,
    time: "10:00",
    at: null,
    customer: 0,
    steps: [
      { day: -61, time: "19:10", kind: "redeem", amount: 3120 },
      { day: -22, time: "15:30", kind: "reload", amount: 2500 },
      { day: -6, time: "12:15", kind: "redeem", amount: 1290 },
    ],
  },
  { amount: 2500, day: -44, time: "16:45", at: 1, steps: [{ day: -12, time: "14:00", kind: "redeem", amount: 2500 }, { day: -3, time: "17:20", kind: "reload", amount: 2000 }] },
  { amount: 3000, day: -27, time: "09:40", at: 1, customer: 3, steps: [{ day: -9, time: "08:55", kind: "redeem", amount: 740 }] },
  { amount: 1500, day: -14, time: "18:30", at: 0, steps: [] },
  { amount: 7500, day: -2, time: "11:00", at: 0, customer: 1, steps: [] },
]

export type GiftCardDemo = { lines: string[]; redeemCode: string | null }

export async function seedGiftCardDemo(ctx: DemoContext): Promise<GiftCardDemo> {
  if (!ctx.has("voucherService")) {
    return { lines: [], redeemCode: null }
  }
  const vouchers = ctx.resolve<VoucherService>("voucherService")
  const accounts = ctx.resolve<ValueAccountService>("valueAccountService")
  const { clock, backdate, locations, customers } = ctx
  await vouchers.updateSettings({ validity: "years_after_year_end", validity_count: 3, time_zone: clock.timeZone })

  const where = (at: number | null): { location: DemoLocation | null } => ({ location: at === null ? null : (locations[at] ?? null) })
  const stamp = (t: LedgerTransactionDTO, when: Date) => backdate.set("ledger_transaction", t.id, when)
  let n = 0
  const sell = async (sale: Sale, label: string) => {
    const { location } = where(sale.at)
    const staff = location?.staff[n % location.staff.length]
    const sold = await vouchers.issue(
      { amount: sale.amount, currency_code: "eur", customer_id: sale.customer === undefined ? null : (customers[sale.customer]?.id ?? null) },
      { location_id: location?.id ?? null, terminal_id: location?.till_id ?? null, staff_id: staff?.id ?? null, reference: `${label}-${++n}` }
    )
    const when = clock.at(sale.day, sale.time)
    stamp(sold.transaction, when)
    backdate.set("card", sold.gift_card.id, when)
    backdate.set("value_account", sold.transaction.account_id, when)
    for (const step of sale.steps) {
      const c = { location_id: location?.id ?? null, terminal_id: location?.till_id ?? null, staff_id: staff?.id ?? null, reference: `Bon ${4000 + ++n}` }
      const moved = step.kind === "redeem" ? await vouchers.redeem(sold.gift_card.code, step.amount, c) : await vouchers.reload(sold.gift_card.code, step.amount, c)
      stamp(moved.transaction, clock.at(step.day, step.time))
    }
    return sold
  }

  for (const sale of SALES) {
    await sell(sale, sale.at === null ? "Admin" : "Bon")
  }

  // Blocked: reported lost by its buyer.
  const lost = await sell({ amount: 4000, day: -52, time: "13:30", at: 1, customer: 2, steps: [{ day: -40, time: "12:10", kind: "redeem", amount: 950 }] }, "Bon")
  await vouchers.block(lost.gift_card.id)

  // Expired: sold well over a year ago, its validity (set back) ended the day before yesterday.
  const old = await sell({ amount: 2000, day: -430, time: "15:00", at: 0, steps: [{ day: -400, time: "12:30", kind: "redeem", amount: 600 }] }, "Bon")
  await accounts.setExpiry(old.transaction.account_id, clock.at(-2, "00:00"))
  await vouchers.expireDue(ctx.now)

  // The voucher the printed curl line redeems: sold at the first till today.
  const fresh = await sell({ amount: 5000, day: 0, time: "00:00", at: 0, steps: [] }, "Bon")

  const online = await seedShop(ctx)
  const lines = [`gift vouchers: ${SALES.length + 3} sold at the tills and in the admin, 1 blocked, 1 expired${online ? ", 1 sold online" : ""}`]
  return { lines, redeemCode: fresh.gift_card.code }
}

/** The shop's settings, a design and a product, and one sale paid online (manual provider) and captured. */
async function seedShop(ctx: DemoContext): Promise<boolean> {
  if (!ctx.has("voucherShopService")) {
    return false
  }
  const shop = ctx.resolve<VoucherShopService>("voucherShopService")
  await shop.updateSettings({
    enabled: true,
    currency_code: "eur",
    free_amount: true,
    min_amount: 1000,
    max_amount: 25000,
    preset_amounts: [2500, 5000, 10000],
    postal_enabled: true,
    postal_fee: 250,
    send_hour: 8,
    texts: {
      de: { title: "Gutscheine vom Demo Café", intro: "Verschenken Sie Kaffee, Kuchen und gute Zeit.", terms: "Einlösbar in allen Filialen. Keine Barauszahlung." },
      en: { title: "Demo Café vouchers", intro: "Give coffee, cake and a good time.", terms: "Redeemable at every branch. No cash payout." },
      pt: { title: "Vales do Demo Café", intro: "Ofereça café, bolo e bons momentos.", terms: "Válido em todas as lojas. Sem reembolso em dinheiro." },
    },
  })
  const design = await shop.createDesign({ name: "Café", image: MOTIF })
  await shop.createProduct({ title: { de: "Frühstück für zwei", en: "Breakfast for two", pt: "Pequeno-almoço para dois" }, amount: 3900 })

  const cart = await shop.createCart({
    email: "marta.silva@example.com",
    sender_name: "Marta Silva",
    locale: "pt",
    delivery: "email",
    items: [{ amount: 5000, design_id: design.id, recipient_name: "Sophie Weber", recipient_email: "sophie.weber@example.com", message: "Feliz aniversário!" }],
  })
  const orderId = await completeCart(ctx, cart.cart_id)
  await ctx.resolve<OrderService>("orderService").capturePayment(orderId)
  // The subscriber of the capture does the same; issuing is idempotent per shop item.
  await shop.issueCaptured(orderId)
  return true
}

/** Completes a cart as `POST /store/carts/:id/complete` does, paid with Medusa's manual provider. */
async function completeCart(ctx: DemoContext, cartId: string): Promise<string> {
  const carts = ctx.resolve<CartService>("cartService")
  await carts.setPaymentSessions(cartId)
  await carts.setPaymentSession(cartId, "manual")
  const idempotency = ctx.resolve<IdempotencyKeyService>("idempotencyKeyService")
  const key = await idempotency.initializeRequest(undefined as unknown as string, "post", { id: cartId }, `/store/carts/${cartId}/complete`)
  const strategy = ctx.resolve<{ complete(id: string, key: unknown, context: Record<string, unknown>): Promise<{ response_code: number; response_body: { type?: string; data?: { id?: string } } }> }>(
    "cartCompletionStrategy"
  )
  const { response_code, response_body } = await strategy.complete(cartId, key, {})
  if (response_code !== 200 || response_body.type !== "order") {
    throw new Error(`demo: the voucher shop's cart did not complete (${response_code} ${JSON.stringify(response_body).slice(0, 300)})`)
  }
  return String(response_body.data?.id)
}
