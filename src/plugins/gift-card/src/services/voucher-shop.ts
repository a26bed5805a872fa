import { randomInt, scryptSync, timingSafeEqual } from "crypto"


import { CartService, EventBusService, LineItemService, OrderService, RegionService, TransactionBaseService } from "@medusajs/medusa"
import type { Logger } from "@medusajs/medusa"
import { EntityManager } from "typeorm"

import { assertCurrency, DomainError, localDay, newEntityId } from "@customer-modules/core"
import type { MailService } from "@customer-modules/jobs"
import type { CardService, CheckoutParticipant, CompletionPlan, ValueAccountService } from "@customer-modules/ledger"

import type VoucherService from "./voucher"
import type { Locale, ShopDesign, ShopProduct, ShopSettings, ShopTexts } from "../types"
import { PinSeal } from "../utils/sealed-pin"

type InjectedDependencies = {
  manager: EntityManager
  cartService: CartService
  lineItemService: LineItemService
  regionService: RegionService
  orderService: OrderService
  eventBusService: EventBusService
  voucherService: VoucherService
  cardService: CardService
  valueAccountService: ValueAccountService
  mailService: MailService
  logger: Logger
  configModule: { projectConfig: { jwt_secret?: string } }
}

/** Plugin options this service reads (medusa-config passes them to every plugin). */
export type VoucherShopOptions = { publicUrl?: string }

export type { Locale, ShopDesign, ShopProduct, ShopSettings, ShopTexts }
export const LOCALES: Locale[] = ["de", "en", "pt"]

export type ShippingAddress = { name: string; line1: string; line2?: string | null; postal_code: string; city: string; country_code: string }

export type ShopItemInput = {
  amount?: number
  product_id?: string
  design_id?: string
  recipient_name: string
  recipient_email: string
  message?: string | null
  /** Local day (YYYY-MM-DD, merchant's time zone) to send it on; absent: at once. */
  deliver_on?: string | null
}

export type ShopCartInput = {
  email: string
  sender_name: string
  locale?: Locale
  delivery?: "email" | "email_post"
  shipping_address?: ShippingAddress | null
  items: ShopItemInput[]
}

export type ShopItem = {
  id: string
  kind: "voucher" | "blank_top_up"
  cart_id: string
  line_item_id: string
  order_id: string | null
  amount: number
  currency_code: string
  design_id: string | null
  product_id: string | null
  sender_name: string | null
  buyer_email: string
  recipient_name: string | null
  recipient_email: string | null
  message: string | null
  locale: Locale
  delivery: "email" | "email_post"
  deliver_on: string | null
  send_at: Date | null
  shipping_address: ShippingAddress | null
  card_id: string | null
  issued_at: Date | null
  sent_at: Date | null
  posted_at: Date | null
  created_at: Date
}

/** Cart metadata that marks a cart of the voucher shop (not writable through the store API). */
export const SHOP_CART_KEY = "voucher_shop"
/** Wrong PINs for one serial before it is locked for `PIN_LOCK_MINUTES`. */
export const MAX_PIN_ATTEMPTS = 5
export const PIN_LOCK_MINUTES = 60
const MAX_ITEMS = 10
const MAX_BLANK_BATCH = 1000

/**
 * The online voucher shop and the online loading of blank vouchers.
 *
 * A shop cart is a Medusa cart with one custom line per voucher (no variant:
 * no tax, no stock, and not creatable through the store API) and, for postal
 * delivery, one for the postage. What each line is for is kept in
 * `gift_card_shop_item`, keyed by its line, and checked again at completion.
 * When the order's payment is captured the items are issued under a row lock,
 * each exactly once (`issued_at`), however often the event arrives; before
 * capture nothing is issued. Mails go out after commit (`SHOP_ITEM_ISSUED`),
 * at once or at `send_at`: the chosen day's `send_hour` in the merchant's zone.
 */
export default class VoucherShopService extends TransactionBaseService implements CheckoutParticipant {
  static Events = {
    ITEM_ISSUED: "gift_card.shop_item_issued",
  }

  protected readonly cartService_: CartService
  protected readonly lineItemService_: LineItemService
  protected readonly regionService_: RegionService
  protected readonly orderService_: OrderService
  protected readonly eventBusService_: EventBusService
  protected readonly voucherService_: VoucherService
  protected readonly cardService_: CardService
  protected readonly valueAccountService_: ValueAccountService
  protected readonly mailService_: MailService
  protected readonly logger_: Logger
  protected readonly pinSeal_: PinSeal
  protected readonly publicUrl_: string

  constructor(container: InjectedDependencies, options: VoucherShopOptions = {}) {
    super(container)
    this.pinSeal_ = new PinSeal(container.configModule?.projectConfig?.jwt_secret ?? "")
    this.publicUrl_ = (options.publicUrl || `http://localhost:${process.env.PORT || 9000}`).replace(/\/+$/, "")
    this.cartService_ = container.cartService
    this.lineItemService_ = container.lineItemService
    this.regionService_ = container.regionService
    this.orderService_ = container.orderService
    this.eventBusService_ = container.eventBusService
    this.voucherService_ = container.voucherService
    this.cardService_ = container.cardService
    this.valueAccountService_ = container.valueAccountService
    this.mailService_ = container.mailService
    this.logger_ = container.logger
  }

  // ── Settings, designs, products ───────────────────────────────────────

  async settings(): Promise<ShopSettings> {
    const [row] = await this.activeManager_.query(
      `SELECT s.*, g.validity, g.validity_count, g.time_zone FROM gift_card_shop_setting s CROSS JOIN gift_card_setting g WHERE s.id = 'default' AND g.id = 'default'`
    )
    return toSettings(row)
  }

  async updateSettings(input: Partial<Omit<ShopSettings, "validity" | "validity_count" | "time_zone" | "updated_at">>): Promise<ShopSettings> {
    return this.atomicPhase_(async (manager) => {
      const current = await this.withTransaction(manager).settings()
      const next = { ...current, ...input }
      if (next.max_amount < next.min_amount) {
        throw new DomainError("invalid_request", "max_amount must not be below min_amount", 400)
      }
      if (next.top_up_max < next.top_up_min) {
        throw new DomainError("invalid_request", "top_up_max must not be below top_up_min", 400)
      }
      if (input.currency_code) {
        await assertCurrency(manager, input.currency_code)
      }
      await manager.query(
        `UPDATE gift_card_shop_setting SET enabled = $1, currency_code = $2, free_amount = $3, min_amount = $4, max_amount = $5,
                preset_amounts = $6, postal_enabled = $7, postal_fee = $8, send_hour = $9, top_up_min = $10, top_up_max = $11,
                texts = $12, updated_at = now()
          WHERE id = 'default'`,
        [
          next.enabled,
          next.currency_code.toLowerCase(),
          next.free_amount,
          next.min_amount,
          next.max_amount,
          JSON.stringify([...new Set(next.preset_amounts)].sort((a, b) => a - b)),
          next.postal_enabled,
          next.postal_fee,
          next.send_hour,
          next.top_up_min,
          next.top_up_max,
          JSON.stringify(next.texts),
        ]
      )
      return this.withTransaction(manager).settings()
    })
  }

  async listDesigns(opts: { active?: boolean } = {}): Promise<ShopDesign[]> {
    return this.activeManager_.query(
      `SELECT id, name, image, position, active FROM gift_card_shop_design ${opts.active ? "WHERE active" : ""} ORDER BY position, created_at LIMIT 100`
    )
  }

  async createDesign(input: { name: string; image: string; position?: number; active?: boolean }): Promise<ShopDesign> {
    const [row] = await this.activeManager_.query(
      `INSERT INTO gift_card_shop_design (id, name, image, position, active) VALUES ($1, $2, $3, $4, $5) RETURNING id, name, image, position, active`,
      [newEntityId("gcdes"), input.name, input.image, input.position ?? 0, input.active ?? true]
    )
    return row
  }

  async updateDesign(id: string, input: { name?: string; image?: string; position?: number; active?: boolean }): Promise<ShopDesign> {
    const [rows] = await this.activeManager_.query(
      `UPDATE gift_card_shop_design SET name = COALESCE($2, name), image = COALESCE($3, image), position = COALESCE($4, position),
              active = COALESCE($5, active), updated_at = now()
        WHERE id = $1 RETURNING id, name, image, position, active`,
      [id, input.name ?? null, input.image ?? null, input.position ?? null, input.active ?? null]
    )
    if (!rows[0]) {
      throw new DomainError("not_found", `Design ${id} was not found`, 404)
    }
    return rows[0]
  }

  async listProducts(opts: { active?: boolean } = {}): Promise<ShopProduct[]> {
    return this.activeManager_.query(
      `SELECT id, title, amount, position, active FROM gift_card_shop_product ${opts.active ? "WHERE active" : ""} ORDER BY position, created_at LIMIT 100`
    )
  }

  async createProduct(input: { title: Record<Locale, string>; amount: number; position?: number; active?: boolean }): Promise<ShopProduct> {
    const [row] = await this.activeManager_.query(
      `INSERT INTO gift_card_shop_product (id, title, amount, position, active) VALUES ($1, $2, $3, $4, $5) RETURNING id, title, amount, position, active`,
      [newEntityId("gcprd"), JSON.stringify(input.title), input.amount, input.position ?? 0, input.active ?? true]
    )
    return row
  }

  async updateProduct(id: string, input: { title?: Record<Locale, string>; amount?: number; position?: number; active?: boolean }): Promise<ShopProduct> {
    const [rows] = await this.activeManager_.query(
      `UPDATE gift_card_shop_product SET title = COALESCE($2, title), amount = COALESCE($3, amount), position = COALESCE($4, position),
              active = COALESCE($5, active), updated_at = now()
        WHERE id = $1 RETURNING id, title, amount, position, active`,
      [id, input.title ? JSON.stringify(input.title) : null, input.amount ?? null, input.position ?? null, input.active ?? null]
    )
    if (!rows[0]) {
      throw new DomainError("not_found", `Product voucher ${id} was not found`, 404)
    }
    return rows[0]
  }

  /** What the shop page shows, in one language: amounts, designs, product vouchers, postage, texts, validity. */
  async publicShop(locale: Locale): Promise<Record<string, unknown>> {
    const settings = await this.settings()
    if (!settings.enabled) {
      throw new DomainError("shop_closed", "The voucher shop is closed", 404)
    }
    const designs = await this.listDesigns({ active: true })
    const products = await this.listProducts({ active: true })
    const texts = settings.texts[locale] ?? {}
    return {
      locale,
      currency_code: settings.currency_code,
      free_amount: settings.free_amount,
      min_amount: settings.min_amount,
      max_amount: settings.max_amount,
      preset_amounts: settings.preset_amounts,
      postal: { enabled: settings.postal_enabled, fee: settings.postal_fee },
      time_zone: settings.time_zone,
      validity: { kind: settings.validity, count: settings.validity_count },
      texts: { title: texts.title ?? null, intro: texts.intro ?? null, terms: texts.terms ?? null },
      designs: designs.map((d) => ({ id: d.id, name: d.name, image: d.image })),
      products: products.map((p) => ({ id: p.id, title: p.title[locale] ?? p.title.de, amount: p.amount })),
      top_up: { min_amount: settings.top_up_min, max_amount: settings.top_up_max },
    }
  }

  // ── Shop carts ────────────────────────────────────────────────────────

  /**
   * A guest cart for the vouchers chosen: one custom line per voucher, one for
   * the postage when sent by post; each item's terms kept against its line.
   * Pay it through Medusa's checkout (payment sessions, complete).
   */
  async createCart(input: ShopCartInput): Promise<{ cart_id: string; total: number; currency_code: string; items: ShopItem[] }> {
    return this.atomicPhase_(async (manager) => {
      const self = this.withTransaction(manager)
      const settings = await self.settings()
      if (!settings.enabled) {
        throw new DomainError("shop_closed", "The voucher shop is closed", 422)
      }
      if (!input.items.length || input.items.length > MAX_ITEMS) {
        throw new DomainError("invalid_request", `Between 1 and ${MAX_ITEMS} vouchers per order`, 400)
      }
      const delivery = input.delivery ?? "email"
      if (delivery === "email_post" && !settings.postal_enabled) {
        throw new DomainError("postal_unavailable", "This shop does not send vouchers by post", 422)
      }
      if (delivery === "email_post" && !input.shipping_address) {
        throw new DomainError("invalid_request", "shipping_address: needed for delivery by post", 400)
      }
      const designs = new Map((await self.listDesigns({ active: true })).map((d) => [d.id, d]))
      const products = new Map((await self.listProducts({ active: true })).map((p) => [p.id, p]))
      const today = await localToday(manager, settings.time_zone)
      const locale = input.locale ?? "de"
      const planned = input.items.map((item, i) => {
        const product = item.product_id ? products.get(item.product_id) : undefined
        if (item.product_id && !product) {
          throw new DomainError("not_found", `items.${i}.product_id: no such product voucher`, 422)
        }
        if (item.design_id && !designs.has(item.design_id)) {
          throw new DomainError("not_found", `items.${i}.design_id: no such design`, 422)
        }
        const amount = product ? product.amount : item.amount
        if (amount === undefined) {
          throw new DomainError("invalid_request", `items.${i}: give amount or product_id`, 400)
        }
        if (!product) {
          const preset = settings.preset_amounts.includes(amount)
          const free = settings.free_amount && amount >= settings.min_amount && amount <= settings.max_amount
          if (!preset && !free) {
            throw new DomainError(
              "amount_not_allowed",
              `items.${i}.amount: ${settings.free_amount ? `between ${settings.min_amount} and ${settings.max_amount}` : "one of the preset amounts"}`,
              422
            )
          }
        }
        if (item.deliver_on && item.deliver_on < today) {
          throw new DomainError("date_in_past", `items.${i}.deliver_on: the day has passed`, 422)
        }
        const title = product ? (product.title[locale] ?? product.title.de) : null
        return { item, amount, product, title, deliverOn: item.deliver_on && item.deliver_on > today ? item.deliver_on : null }
      })
      const [region] = await this.regionService_
        .withTransaction(manager)
        .list({ currency_code: settings.currency_code }, { take: 1, order: { created_at: "ASC" } })
      if (!region) {
        throw new DomainError("no_region", `No region sells in ${settings.currency_code.toUpperCase()}`, 422)
      }
      const carts = this.cartService_.withTransaction(manager)
      const lines = this.lineItemService_.withTransaction(manager)
      const cart = await carts.create({ region_id: region.id, email: input.email })
      const items: ShopItem[] = []
      for (const p of planned) {
        const line = await lines.create({
          cart_id: cart.id,
          title: p.title ? `${LINE_TITLE[locale]}: ${p.title}` : LINE_TITLE[locale],
          unit_price: p.amount,
          quantity: 1,
          allow_discounts: false,
          should_merge: false,
          has_shipping: true,
          is_giftcard: false,
          metadata: { [SHOP_CART_KEY]: "voucher" },
        })
        const [row] = await manager.query(
          `INSERT INTO gift_card_shop_item (id, kind, cart_id, line_item_id, amount, currency_code, design_id, product_id, sender_name, buyer_email,
                                            recipient_name, recipient_email, message, locale, delivery, deliver_on, send_at, shipping_address)
           VALUES ($1, 'voucher', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15::date,
                   CASE WHEN $15::date IS NULL THEN NULL ELSE (($15::date + make_time($16, 0, 0)) AT TIME ZONE $17) END, $18)
           RETURNING *`,
          [
            newEntityId("gcsi"),
            cart.id,
            line.id,
            p.amount,
            settings.currency_code,
            p.item.design_id ?? null,
            p.product?.id ?? null,
            input.sender_name,
            input.email,
            p.item.recipient_name,
            p.item.recipient_email,
            p.item.message ?? null,
            locale,
            delivery,
            p.deliverOn,
            settings.send_hour,
            settings.time_zone,
            delivery === "email_post" ? JSON.stringify(input.shipping_address) : null,
          ]
        )
        items.push(toItem(row))
      }
      if (delivery === "email_post" && settings.postal_fee > 0) {
        await lines.create({
          cart_id: cart.id,
          title: POSTAGE_TITLE[locale],
          unit_price: settings.postal_fee,
          quantity: 1,
          allow_discounts: false,
          should_merge: false,
          has_shipping: true,
          is_giftcard: false,
          metadata: { [SHOP_CART_KEY]: "postage" },
        })
      }
      const expected = planned.reduce((s, p) => s + p.amount, 0) + (delivery === "email_post" ? settings.postal_fee : 0)
      await carts.update(cart.id, { metadata: { [SHOP_CART_KEY]: { total: expected, currency_code: settings.currency_code } } })
      return { cart_id: cart.id, total: expected, currency_code: settings.currency_code, items }
    })
  }

  /**
   * Why a shop cart may not be completed (its lines, amounts or currency are
   * no longer what they were made for), or null when it may or is no shop cart.
   */
  async cartRefusal(cartId: string): Promise<DomainError | null> {
    const manager = this.activeManager_
    const [cart]: { metadata: Record<string, unknown> | null; completed_at: Date | null; currency_code: string }[] = await manager.query(
      `SELECT c.metadata, c.completed_at, r.currency_code FROM cart c JOIN region r ON r.id = c.region_id WHERE c.id = $1`,
      [cartId]
    )
    const terms = cart?.metadata?.[SHOP_CART_KEY] as { total?: number; currency_code?: string } | undefined
    if (!cart || cart.completed_at || !terms) {
      return null
    }
    const lines: { id: string; variant_id: string | null; unit_price: string; quantity: number }[] = await manager.query(
      `SELECT id, variant_id, unit_price, quantity FROM line_item WHERE cart_id = $1`,
      [cartId]
    )
    const items: { line_item_id: string; amount: number }[] = await manager.query(
      `SELECT line_item_id, amount FROM gift_card_shop_item WHERE cart_id = $1`,
      [cartId]
    )
    const byId = new Map(lines.map((l) => [l.id, l]))
    const total = lines.reduce((s, l) => s + Number(l.unit_price) * Number(l.quantity), 0)
    const changed =
      cart.currency_code.toLowerCase() !== terms.currency_code ||
      total !== terms.total ||
      lines.some((l) => l.variant_id) ||
      items.some((i) => {
        const l = byId.get(i.line_item_id)
        return !l || Number(l.quantity) !== 1 || Number(l.unit_price) !== i.amount
      })
    return changed ? new DomainError("shop_cart_changed", "This voucher cart was changed after it was made; start a new order", 422) : null
  }

  /** The shop's part in cart completion: a changed shop cart is refused before any payment. */
  async planCompletion(cartId: string): Promise<CompletionPlan | null> {
    const refusal = await this.cartRefusal(cartId)
    if (!refusal) {
      return null
    }
    return { refusal, lock: async () => undefined, settle: async () => undefined, afterRefusal: async () => undefined }
  }

  /**
   * Issues (or, for a blank voucher, loads) what an order's shop items were
   * bought for, once its payment is captured; before capture nothing. Each
   * item once, under the items' row locks: a repeated or concurrent event
   * finds it issued. Returns the items issued now.
   */
  async issueCaptured(orderId: string): Promise<ShopItem[]> {
    return this.atomicPhase_(async (manager) => {
      const [order]: { id: string; cart_id: string | null; payment_status: string; display_id: number }[] = await manager.query(
        `SELECT id, cart_id, payment_status, display_id FROM "order" WHERE id = $1`,
        [orderId]
      )
      if (!order?.cart_id || order.payment_status !== "captured") {
        return []
      }
      const refusal = await this.withTransaction(manager).orderMismatch_(order.id, order.cart_id)
      if (refusal) {
        this.logger_.warn(`gift-card: shop items of order ${order.id} not issued: ${refusal.message}`)
        throw refusal
      }
      const rows = await manager.query(`SELECT * FROM gift_card_shop_item WHERE cart_id = $1 ORDER BY id FOR UPDATE`, [order.cart_id])
      const issued: ShopItem[] = []
      for (const item of rows.map(toItem)) {
        if (item.issued_at) {
          continue
        }
        const ctx = { reference: `web order #${order.display_id}`, idempotency_key: `voucher-shop:${order.id}:${item.line_item_id}` }
        let cardId: string
        if (item.kind === "voucher") {
          const { gift_card } = await this.voucherService_.withTransaction(manager).issue({ amount: item.amount, currency_code: item.currency_code }, ctx)
          cardId = gift_card.id
        } else {
          cardId = item.card_id!
          const card = await this.cardService_.withTransaction(manager).retrieve(cardId)
          const vouchers = this.voucherService_.withTransaction(manager)
          if (card.status === "inactive") {
            await vouchers.issue({ amount: item.amount, currency_code: item.currency_code, code: card.code }, ctx)
          } else {
            await vouchers.reload(card.code, item.amount, ctx)
          }
          await manager.query(`UPDATE gift_card_blank SET loaded_at = now() WHERE card_id = $1`, [cardId])
        }
        const [updated] = await manager.query(
          `UPDATE gift_card_shop_item SET card_id = $2, order_id = $3, issued_at = now() WHERE id = $1 RETURNING *`,
          [item.id, cardId, order.id]
        )
        issued.push(toItem(updated))
        await this.eventBusService_.withTransaction(manager).emit(VoucherShopService.Events.ITEM_ISSUED, { id: item.id })
      }
      return issued
    })
  }

  /**
   * Sends an issued voucher to its recipient (with its PDF in the chosen
   * design) once it is due by `now`, unless sent, and with `buyerCopy` the
   * buyer's copy; `force` sends the recipient's mail again (the admin's
   * resend, keyed by the caller). Mails are keyed by item and enqueued with
   * the jobs plugin's own transaction (never inside an open one, so its worker
   * finds them), then the item is marked sent: a repeat or a concurrent call
   * sends nothing more. Returns whether the recipient's mail was enqueued now.
   */
  async sendIfNotSent(itemId: string, opts: { force?: string; buyerCopy?: boolean; now?: Date } = {}): Promise<boolean> {
    const manager = this.activeManager_
    const [row] = await manager.query(`SELECT * FROM gift_card_shop_item WHERE id = $1`, [itemId])
    if (!row) {
      throw new DomainError("not_found", `Online sale ${itemId} was not found`, 404)
    }
    const item = toItem(row)
    if (!item.issued_at || !item.card_id || item.kind !== "voucher") {
      if (opts.force) {
        throw new DomainError("not_issued", "This voucher has not been issued (its payment is not captured)", 409)
      }
      return false
    }
    const document = await this.documentFor_(item, manager)
    const mailData = {
      customer_name: item.recipient_name,
      code: document.code,
      amount_minor: item.amount,
      currency_code: item.currency_code,
      valid_until: document.valid_until ?? null,
      message: item.message,
      from_name: item.sender_name,
    }
    const attachments = [{ document: { kind: "voucher" as const, key: `voucher-shop-${item.id}-pdf`, data: document, filename: `voucher-${document.code}.pdf` } }]
    if (opts.buyerCopy) {
      await this.mailService_.enqueue({
        key: `voucher-shop:${item.id}:buyer`,
        kind: "voucher",
        to: item.buyer_email,
        locale: item.locale,
        data: { ...mailData, customer_name: item.sender_name },
        attachments,
      })
    }
    const due = !item.send_at || item.send_at.getTime() <= (opts.now ?? new Date()).getTime()
    if ((item.sent_at || !due) && !opts.force) {
      return false
    }
    await this.mailService_.enqueue({
      key: `voucher-shop:${item.id}:recipient${opts.force ? `:${opts.force}` : ""}`,
      kind: "voucher",
      to: item.recipient_email!,
      locale: item.locale,
      data: mailData,
      attachments,
    })
    await manager.query(`UPDATE gift_card_shop_item SET sent_at = COALESCE(sent_at, now()) WHERE id = $1`, [item.id])
    return !item.sent_at || Boolean(opts.force)
  }

  /** Items issued and due by `now` whose mail has not gone out (the hourly schedule), at most `limit`. */
  async dueItems(now: Date, limit = 200): Promise<string[]> {
    const rows: { id: string }[] = await this.activeManager_.query(
      `SELECT id FROM gift_card_shop_item WHERE kind = 'voucher' AND issued_at IS NOT NULL AND sent_at IS NULL AND send_at <= $1 ORDER BY send_at, id LIMIT $2`,
      [now, limit]
    )
    return rows.map((r) => r.id)
  }

  /** Sends every voucher due by `now` (the schedule's handler): none whose morning has not come. */
  async deliverDue(now: Date): Promise<{ sent: number }> {
    let sent = 0
    for (const id of await this.dueItems(now)) {
      sent += (await this.sendIfNotSent(id, { now })) ? 1 : 0
    }
    return { sent }
  }

  /**
   * A refunded (or cancelled) order: what is left on its vouchers is blocked,
   * so it cannot be spent any more. Returns the vouchers blocked now.
   */
  async blockOrder(orderId: string): Promise<number> {
    return this.atomicPhase_(async (manager) => {
      const rows: { card_id: string; status: string }[] = await manager.query(
        `SELECT i.card_id, c.status FROM gift_card_shop_item i JOIN card c ON c.id = i.card_id
          WHERE i.order_id = $1 AND i.kind = 'voucher' ORDER BY i.id`,
        [orderId]
      )
      let blocked = 0
      for (const row of rows) {
        if (row.status === "active") {
          await this.voucherService_.withTransaction(manager).block(row.card_id, { reference: "online order refunded" })
          blocked++
        }
      }
      return blocked
    })
  }

  /** The balance and validity of a voucher, by its code (public; the caller counts misses). */
  async balance(code: string): Promise<{ balance: number; currency_code: string; valid_until: string | null; status: string }> {
    const card = await this.cardService_.withTransaction(this.activeManager_).retrieveByPublicCode(code)
    if (card.kind !== "gift_card" || !card.account_id || card.status === "inactive") {
      throw new DomainError("not_found", "No voucher has this code", 404)
    }
    const account = await this.valueAccountService_.withTransaction(this.activeManager_).retrieve(card.account_id)
    const { time_zone } = await this.settings()
    return {
      balance: account.balance,
      currency_code: account.currency_code,
      valid_until: account.expires_at ? lastValidDay(account.expires_at, time_zone) : null,
      status: card.status === "blocked" || account.status !== "active" ? "blocked" : account.expires_at && account.expires_at.getTime() <= Date.now() ? "expired" : "active",
    }
  }

  // ── Admin lists ───────────────────────────────────────────────────────

  /** Online sales, newest first: order, buyer, recipient, delivery and its status; `postal` for those to post. */
  async listSales(filter: { postal?: boolean; to_post?: boolean; limit: number; offset: number }): Promise<[Record<string, unknown>[], number]> {
    const where = [`i.kind = 'voucher'`, `i.issued_at IS NOT NULL`]
    if (filter.postal || filter.to_post) {
      where.push(`i.delivery = 'email_post'`)
    }
    if (filter.to_post) {
      where.push(`i.posted_at IS NULL`)
    }
    const sql = where.join(" AND ")
    const rows = await this.activeManager_.query(
      `SELECT i.*, o.display_id, c.code FROM gift_card_shop_item i
         LEFT JOIN "order" o ON o.id = i.order_id LEFT JOIN card c ON c.id = i.card_id
        WHERE ${sql} ORDER BY i.issued_at DESC, i.id DESC LIMIT $1 OFFSET $2`,
      [filter.limit, filter.offset]
    )
    const [{ count }] = await this.activeManager_.query(`SELECT count(*)::int AS count FROM gift_card_shop_item i WHERE ${sql}`)
    return [rows.map((r: Record<string, unknown>) => saleView(r)), count]
  }

  async markPosted(itemId: string): Promise<Record<string, unknown>> {
    return this.atomicPhase_(async (manager) => {
      const [rows] = await manager.query(
        `UPDATE gift_card_shop_item SET posted_at = COALESCE(posted_at, now()) WHERE id = $1 AND delivery = 'email_post' AND issued_at IS NOT NULL RETURNING *`,
        [itemId]
      )
      if (!rows[0]) {
        throw new DomainError("not_found", `No issued postal sale ${itemId}`, 404)
      }
      return saleView(rows[0])
    })
  }

  // ── Blank vouchers ────────────────────────────────────────────────────

  /**
   * Creates `count` blank vouchers: inactive and empty, each with the next
   * serial number, a random code (printed as QR for the till) and a random
   * 8-digit PIN for its scratch field. The PINs are answered once, never stored
   * in clear. Serials must not overlap an earlier batch.
   */
  async createBlankBatch(input: { name: string; currency_code: string; count: number; first_serial?: number }): Promise<{
    batch: { id: string; name: string; currency_code: string; first_serial: number; count: number }
    vouchers: { serial: string; code: string; pin: string }[]
  }> {
    if (input.count < 1 || input.count > MAX_BLANK_BATCH) {
      throw new DomainError("invalid_request", `Between 1 and ${MAX_BLANK_BATCH} blank vouchers at a time`, 400)
    }
    return this.atomicPhase_(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('gift-card-blank-batch'))`)
      const [{ next }] = await manager.query(`SELECT COALESCE(max(first_serial + count), 100001)::text AS next FROM gift_card_blank_batch`)
      const first = input.first_serial ?? Number(next)
      const [overlap] = await manager.query(
        `SELECT 1 FROM gift_card_blank_batch WHERE first_serial < $1::bigint + $2::int AND first_serial + count > $1::bigint LIMIT 1`,
        [first, input.count]
      )
      if (overlap) {
        throw new DomainError("serials_taken", "These serial numbers overlap an earlier batch", 409)
      }
      const id = newEntityId("gcbb")
      await manager.query(`INSERT INTO gift_card_blank_batch (id, name, currency_code, first_serial, count) VALUES ($1, $2, $3, $4, $5)`, [
        id,
        input.name,
        input.currency_code.toLowerCase(),
        first,
        input.count,
      ])
      const created = await this.voucherService_.withTransaction(manager).createInactive({ currency_code: input.currency_code, count: input.count })
      const vouchers: { serial: string; code: string; pin: string }[] = []
      for (let i = 0; i < created.length; i++) {
        const serial = String(first + i)
        const pin = String(randomInt(0, 100_000_000)).padStart(8, "0")
        await manager.query(`INSERT INTO gift_card_blank (card_id, batch_id, serial, pin_hash, pin_sealed) VALUES ($1, $2, $3, $4, $5)`, [
          created[i].id,
          id,
          serial,
          hashPin(serial, pin),
          this.pinSeal_.seal(serial, pin),
        ])
        vouchers.push({ serial, code: created[i].code, pin })
      }
      return { batch: { id, name: input.name, currency_code: input.currency_code.toLowerCase(), first_serial: first, count: input.count }, vouchers }
    })
  }

  /**
   * The data of a batch's print sheet (document kind `gift_card_blank_sheet`):
   * every voucher of the batch with serial, till code and PIN (opened from its
   * seal), the top-up page's address, and optionally a shop design as motif.
   * 409 `pins_unavailable` when the PINs cannot be opened (a batch made before
   * PINs were sealed, or under another server secret).
   */
  async blankSheetData(batchId: string, opts: { locale?: Locale; design_id?: string | null } = {}): Promise<Record<string, unknown>> {
    const manager = this.activeManager_
    const [batch]: { id: string; name: string }[] = await manager.query(`SELECT id, name FROM gift_card_blank_batch WHERE id = $1`, [batchId])
    if (!batch) {
      throw new DomainError("not_found", `Blank-voucher batch ${batchId} was not found`, 404)
    }
    const rows: { serial: string; code: string; pin_sealed: string | null }[] = await manager.query(
      `SELECT b.serial, c.code, b.pin_sealed FROM gift_card_blank b JOIN card c ON c.id = b.card_id WHERE b.batch_id = $1 ORDER BY b.serial::bigint`,
      [batchId]
    )
    const vouchers = rows.map((r) => ({ serial: r.serial, code: r.code, pin: this.pinSeal_.open(r.serial, r.pin_sealed) }))
    if (vouchers.some((v) => v.pin === null)) {
      throw new DomainError("pins_unavailable", "The PINs of this batch cannot be printed again (made before PINs were kept sealed, or under another server secret)", 409)
    }
    let background: string | null = null
    if (opts.design_id) {
      const [design] = await manager.query(`SELECT image FROM gift_card_shop_design WHERE id = $1`, [opts.design_id])
      if (!design) {
        throw new DomainError("not_found", `Design ${opts.design_id} was not found`, 404)
      }
      background = design.image
    }
    const locale = opts.locale ?? "de"
    return {
      batch_name: batch.name,
      top_up_url: `${this.publicUrl_}/embed/top-up?locale=${locale}`,
      background_image: background,
      vouchers,
      locale,
    }
  }

  /** The data of the address labels (document kind `gift_card_postal_labels`) of the postal sales still to post (or all postal ones). */
  async postalLabelsData(opts: { to_post: boolean; locale?: Locale }): Promise<Record<string, unknown>> {
    const [sales] = await this.listSales({ postal: true, to_post: opts.to_post, limit: 1000, offset: 0 })
    const labels = sales
      .filter((s) => s.shipping_address)
      .map((s) => {
        const a = s.shipping_address as ShippingAddress
        return {
          name: a.name,
          line1: a.line1,
          line2: a.line2 ?? null,
          postal_code: a.postal_code,
          city: a.city,
          country_code: a.country_code,
          order_display_id: s.order_display_id === null || s.order_display_id === undefined ? null : Number(s.order_display_id),
        }
      })
    if (!labels.length) {
      throw new DomainError("nothing_to_post", "No postal voucher order is waiting to be posted", 404)
    }
    return { labels, locale: opts.locale ?? "de" }
  }

  async listBlankBatches(): Promise<Record<string, unknown>[]> {
    return this.activeManager_.query(
      `SELECT b.id, b.name, b.currency_code, b.first_serial::text AS first_serial, b.count, b.created_at,
              (SELECT count(*)::int FROM gift_card_blank x WHERE x.batch_id = b.id AND x.loaded_at IS NOT NULL) AS loaded
         FROM gift_card_blank_batch b ORDER BY b.created_at DESC LIMIT 200`
    )
  }

  /**
   * Checks serial and PIN of a blank voucher: a wrong PIN counts against the
   * serial, and after `MAX_PIN_ATTEMPTS` the serial is locked for an hour
   * (also for the right PIN), so a PIN cannot be guessed through one serial.
   * Committed on its own: a refused attempt stays counted.
   */
  async verifyBlank(serial: string, pin: string): Promise<{ card_id: string; currency_code: string }> {
    return this.atomicPhase_(async (manager) => {
      const [row] = await manager.query(
        `SELECT b.card_id, b.pin_hash, b.failed_attempts, b.locked_until, c.account_id, c.status
           FROM gift_card_blank b JOIN card c ON c.id = b.card_id
          WHERE b.serial = $1 FOR UPDATE OF b`,
        [serial.trim()]
      )
      if (!row) {
        throw new DomainError("invalid_pin", "This serial number and PIN do not match a blank voucher", 422)
      }
      if (row.locked_until && new Date(row.locked_until).getTime() > Date.now()) {
        throw new DomainError("serial_locked", `Too many wrong PINs; this voucher can be loaded again after ${PIN_LOCK_MINUTES} minutes`, 429)
      }
      if (!pinMatches(serial.trim(), pin, row.pin_hash)) {
        await manager.query(
          `UPDATE gift_card_blank SET failed_attempts = failed_attempts + 1,
                  locked_until = CASE WHEN failed_attempts + 1 >= $2 THEN now() + make_interval(mins => $3) ELSE locked_until END
            WHERE card_id = $1`,
          [row.card_id, MAX_PIN_ATTEMPTS, PIN_LOCK_MINUTES]
        )
        return { card_id: "", currency_code: "" }
      }
      if (row.status === "blocked") {
        throw new DomainError("card_blocked", "This voucher is blocked", 409)
      }
      await manager.query(`UPDATE gift_card_blank SET failed_attempts = 0, locked_until = NULL WHERE card_id = $1`, [row.card_id])
      const account = await this.valueAccountService_.withTransaction(manager).retrieve(row.account_id)
      return { card_id: row.card_id, currency_code: account.currency_code }
    })
  }

  /** A guest cart loading a blank voucher (serial and PIN checked by `verifyBlank` first) with `amount`. */
  async createBlankTopUpCart(input: { card_id: string; amount: number; email: string; locale?: Locale }): Promise<{ cart_id: string; total: number; currency_code: string }> {
    return this.atomicPhase_(async (manager) => {
      const settings = await this.withTransaction(manager).settings()
      if (input.amount < settings.top_up_min || input.amount > settings.top_up_max) {
        throw new DomainError("amount_not_allowed", `amount: between ${settings.top_up_min} and ${settings.top_up_max}`, 422)
      }
      const card = await this.cardService_.withTransaction(manager).retrieve(input.card_id)
      const account = await this.valueAccountService_.withTransaction(manager).retrieve(card.account_id!)
      const [region] = await this.regionService_
        .withTransaction(manager)
        .list({ currency_code: account.currency_code }, { take: 1, order: { created_at: "ASC" } })
      if (!region) {
        throw new DomainError("no_region", `No region sells in ${account.currency_code.toUpperCase()}`, 422)
      }
      const locale = input.locale ?? "de"
      const carts = this.cartService_.withTransaction(manager)
      const cart = await carts.create({ region_id: region.id, email: input.email })
      const line = await this.lineItemService_.withTransaction(manager).create({
        cart_id: cart.id,
        title: TOP_UP_TITLE[locale],
        unit_price: input.amount,
        quantity: 1,
        allow_discounts: false,
        should_merge: false,
        has_shipping: true,
        is_giftcard: false,
        metadata: { [SHOP_CART_KEY]: "blank_top_up" },
      })
      await manager.query(
        `INSERT INTO gift_card_shop_item (id, kind, cart_id, line_item_id, amount, currency_code, buyer_email, locale, card_id)
         VALUES ($1, 'blank_top_up', $2, $3, $4, $5, $6, $7, $8)`,
        [newEntityId("gcsi"), cart.id, line.id, input.amount, account.currency_code, input.email, locale, card.id]
      )
      await carts.update(cart.id, { metadata: { [SHOP_CART_KEY]: { total: input.amount, currency_code: account.currency_code } } })
      return { cart_id: cart.id, total: input.amount, currency_code: account.currency_code }
    })
  }

  // ── Internals ─────────────────────────────────────────────────────────

  /** Why an order's shop items must not be issued: its lines are not what its items were made for. */
  protected async orderMismatch_(orderId: string, cartId: string): Promise<DomainError | null> {
    const lines: { id: string; variant_id: string | null; unit_price: string; quantity: number }[] = await this.activeManager_.query(
      `SELECT id, variant_id, unit_price, quantity FROM line_item WHERE order_id = $1`,
      [orderId]
    )
    const items: { line_item_id: string; amount: number }[] = await this.activeManager_.query(
      `SELECT line_item_id, amount FROM gift_card_shop_item WHERE cart_id = $1`,
      [cartId]
    )
    const byId = new Map(lines.map((l) => [l.id, l]))
    const bad = items.some((i) => {
      const l = byId.get(i.line_item_id)
      return !l || l.variant_id || Number(l.quantity) !== 1 || Number(l.unit_price) !== i.amount
    })
    return bad ? new DomainError("shop_cart_changed", "The order's lines are not what its vouchers were bought for", 422) : null
  }

  protected async documentFor_(item: ShopItem, manager: EntityManager) {
    const vouchers = this.voucherService_.withTransaction(manager)
    const card = await vouchers.retrieve(item.card_id!)
    const { time_zone } = await vouchers.settings()
    const [design] = item.design_id ? await manager.query(`SELECT image FROM gift_card_shop_design WHERE id = $1`, [item.design_id]) : []
    return {
      code: card.code,
      amount_minor: item.amount,
      currency_code: item.currency_code,
      valid_until: card.expires_at ? lastValidDay(card.expires_at, time_zone) : null,
      recipient_name: item.recipient_name,
      message: item.message,
      background_image: design?.image ?? null,
      locale: item.locale,
    }
  }
}

const LINE_TITLE: Record<Locale, string> = { de: "Gutschein", en: "Gift voucher", pt: "Vale-oferta" }
const POSTAGE_TITLE: Record<Locale, string> = { de: "Versand per Post", en: "Postal delivery", pt: "Envio por correio" }
const TOP_UP_TITLE: Record<Locale, string> = { de: "Aufladung Gutschein", en: "Voucher top-up", pt: "Carregamento de vale" }

async function localToday(manager: EntityManager, timeZone: string): Promise<string> {
  const [{ today }] = await manager.query(`SELECT to_char((now() AT TIME ZONE $1)::date, 'YYYY-MM-DD') AS today`, [timeZone])
  return today
}

function hashPin(serial: string, pin: string): string {
  return scryptSync(pin, `gift-card-blank:${serial}`, 32, { N: 1024 }).toString("hex")
}

function pinMatches(serial: string, pin: string, stored: string): boolean {
  const given = Buffer.from(hashPin(serial, pin.replace(/\s|-/g, "")), "hex")
  const expected = Buffer.from(stored, "hex")
  return given.length === expected.length && timingSafeEqual(given, expected)
}

/** The day before `expiresAt` (the first instant no longer valid), as YYYY-MM-DD in `timeZone`. */
function lastValidDay(expiresAt: Date, timeZone: string): string {
  return localDay(new Date(expiresAt.getTime() - 1), timeZone)
}

function isoDayOf(value: unknown): string | null {
  if (!value) {
    return null
  }
  if (value instanceof Date) {
    return `${value.getFullYear()}-${String(value.getMonth() + 1).padStart(2, "0")}-${String(value.getDate()).padStart(2, "0")}`
  }
  return String(value).slice(0, 10)
}

function toItem(row: Record<string, unknown>): ShopItem {
  const date = (v: unknown) => (v ? new Date(v as string) : null)
  return {
    ...(row as unknown as ShopItem),
    amount: Number(row.amount),
    deliver_on: isoDayOf(row.deliver_on),
    send_at: date(row.send_at),
    issued_at: date(row.issued_at),
    sent_at: date(row.sent_at),
    posted_at: date(row.posted_at),
    created_at: new Date(row.created_at as string),
  }
}

function saleView(row: Record<string, unknown>): Record<string, unknown> {
  const item = toItem(row)
  return {
    id: item.id,
    order_id: item.order_id,
    order_display_id: row.display_id ?? null,
    code: row.code ?? null,
    amount: item.amount,
    currency_code: item.currency_code,
    sender_name: item.sender_name,
    buyer_email: item.buyer_email,
    recipient_name: item.recipient_name,
    recipient_email: item.recipient_email,
    delivery: item.delivery,
    deliver_on: item.deliver_on,
    send_at: item.send_at,
    shipping_address: item.shipping_address,
    status: item.posted_at ? "posted" : item.sent_at ? "sent" : "scheduled",
    sent_at: item.sent_at,
    posted_at: item.posted_at,
    issued_at: item.issued_at,
  }
}

function toSettings(row: Record<string, unknown>): ShopSettings {
  return {
    enabled: Boolean(row.enabled),
    currency_code: String(row.currency_code),
    free_amount: Boolean(row.free_amount),
    min_amount: Number(row.min_amount),
    max_amount: Number(row.max_amount),
    preset_amounts: (row.preset_amounts as number[]).map(Number),
    postal_enabled: Boolean(row.postal_enabled),
    postal_fee: Number(row.postal_fee),
    send_hour: Number(row.send_hour),
    top_up_min: Number(row.top_up_min),
    top_up_max: Number(row.top_up_max),
    texts: (row.texts ?? {}) as ShopTexts,
    validity: String(row.validity),
    validity_count: Number(row.validity_count),
    time_zone: String(row.time_zone),
    updated_at: new Date(row.updated_at as string),
  }
}
