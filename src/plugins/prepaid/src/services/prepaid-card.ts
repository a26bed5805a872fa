import {
  CartService,
  CustomerService,
  EventBusService,
  LineItemService,
  OrderService,
  RegionService,
  TransactionBaseService,
} from "@medusajs/medusa"
import type { Logger } from "@medusajs/medusa"
import { EntityManager } from "typeorm"

import { assertCurrency, assertCustomer, DomainError, ModuleHealth } from "@customer-modules/core"
import type {
  CardDTO,
  CardService,
  CardSummary,
  CompletionPlan,
  LedgerTransactionDTO,
  Movement,
  Page,
  ValueAccountDTO,
  ValueAccountService,
} from "@customer-modules/ledger"
import { valueCardView } from "@customer-modules/ledger"
import type { PosLocationService } from "@customer-modules/pos"

import type {
  PrepaidCardDetail,
  PrepaidCardEvent,
  PrepaidCardView,
  PrepaidContext,
  PrepaidMovement,
  Tender,
} from "../types"
import { dayWindow } from "../utils/day-window"

type InjectedDependencies = {
  manager: EntityManager
  logger: Logger
  valueAccountService: ValueAccountService
  cardService: CardService
  customerService: CustomerService
  eventBusService: EventBusService
  posLocationService: PosLocationService
  regionService: RegionService
  cartService: CartService
  lineItemService: LineItemService
  orderService: OrderService
}

/** Line-item metadata that names the card of an online top-up (for people reading the order; the store API can change it). */
export const TOP_UP_METADATA_KEY = "prepaid_card_id"
/** Cart metadata (not writable through the store API) with what an online top-up was made for. */
export const TOP_UP_TERMS_KEY = "prepaid_top_up"

/** What an online top-up cart was made for, fixed at its creation. */
type TopUpTerms = { card_id: string; line_item_id: string; amount: number; currency_code: string }
type TopUpLine = { id: string; variant_id: string | null; unit_price: number; quantity: number; metadata: Record<string, unknown> | null }
/** Largest batch of pre-printed cards created in one call. */
export const MAX_BATCH = 500
/** Pages of one account's history read to add up a day's charges (200 each). */
const MAX_DAY_PAGES = 50
const HISTORY_PAGE = 200
/** Time zone of the business day for charges made without a POS location. */
const DEFAULT_TIME_ZONE = "UTC"

/**
 * Prepaid cards: a ledger card of kind `prepaid_card` carrying its own value
 * account (lower bound 0), so the balance is held centrally and valid at every
 * location. Cards are topped up at the till, at top-up terminals, by the admin
 * and online (credited once the payment is captured) and charged at tills and
 * self-checkouts, optionally within a daily spending limit.
 *
 * Callers own the transaction (`withTransaction(manager)`); events are staged
 * on Medusa's event bus inside it and published after commit.
 */
export default class PrepaidCardService extends TransactionBaseService {
  static Events = {
    ISSUED: "prepaid_card.issued",
    TOPPED_UP: "prepaid_card.topped_up",
    CHARGED: "prepaid_card.charged",
    BLOCKED: "prepaid_card.blocked",
    UNBLOCKED: "prepaid_card.unblocked",
    REPLACED: "prepaid_card.replaced",
  }

  protected readonly logger_: Logger
  protected readonly valueAccountService_: ValueAccountService
  protected readonly cardService_: CardService
  protected readonly customerService_: CustomerService
  protected readonly eventBusService_: EventBusService
  protected readonly posLocationService_: PosLocationService
  protected readonly regionService_: RegionService
  protected readonly cartService_: CartService
  protected readonly lineItemService_: LineItemService
  protected readonly orderService_: OrderService

  constructor(container: InjectedDependencies) {
    super(container)
    this.logger_ = container.logger
    this.valueAccountService_ = container.valueAccountService
    this.cardService_ = container.cardService
    this.customerService_ = container.customerService
    this.eventBusService_ = container.eventBusService
    this.posLocationService_ = container.posLocationService
    this.regionService_ = container.regionService
    this.cartService_ = container.cartService
    this.lineItemService_ = container.lineItemService
    this.orderService_ = container.orderService
  }

  // ── Issue and activate ────────────────────────────────────────────────

  /**
   * Issues a card at the till: with a generated code, or with the code the
   * till scanned (RFID UID, barcode, printed number). A code of a pre-printed
   * card that is still inactive activates that card (its currency must match);
   * any other known code is 409 `code_taken`.
   */
  async issue(
    data: { code?: string; currency_code: string; customer_id?: string | null },
    ctx: PrepaidContext = {}
  ): Promise<{ prepaid_card: PrepaidCardView; activated: boolean }> {
    return this.atomicPhase_(async (manager) => {
      await assertCurrency(manager, data.currency_code)
      if (data.customer_id) {
        await assertCustomer(manager, data.customer_id)
      }
      const cards = this.cardService_.withTransaction(manager)
      const accounts = this.valueAccountService_.withTransaction(manager)
      const existing = data.code === undefined ? null : await this.cardService_.withTransaction(manager).findByCode(data.code)

      if (existing) {
        const card = await this.activate_(existing, data, manager)
        await accounts.recordActivity(card.account_id!, "activate", ctx)
        const account = await accounts.retrieve(card.account_id!)
        await this.emit_(manager, PrepaidCardService.Events.ISSUED, card, account, { ...attributionOf(ctx), activated: true })
        return { prepaid_card: view(card, account), activated: true }
      }

      const account = await accounts.create({
        kind: "prepaid_card",
        currency_code: data.currency_code,
        customer_id: data.customer_id ?? null,
        lower_bound: 0,
      })
      const card = await cards.create({
        kind: "prepaid_card",
        code: data.code,
        customer_id: data.customer_id ?? null,
        account_id: account.id,
        status: "active",
      })
      await this.emit_(manager, PrepaidCardService.Events.ISSUED, card, account, { ...attributionOf(ctx), activated: false })
      return { prepaid_card: view(card, account), activated: false }
    })
  }

  /**
   * Creates pre-printed cards, inactive until issued at a till: from a list of
   * codes (printed numbers, barcodes, RFID UIDs) or the next `count` numbers of
   * a merchant number range. All or nothing; at most 500 per call.
   */
  async createBatch(data: {
    currency_code: string
    codes?: string[]
    range_id?: string
    count?: number
  }): Promise<PrepaidCardView[]> {
    const total = data.codes?.length ?? data.count ?? 0
    if ((data.codes === undefined) === (data.range_id === undefined) || total < 1 || total > MAX_BATCH) {
      throw new DomainError("invalid_request", `Give either codes or range_id with count; 1 to ${MAX_BATCH} cards`, 400)
    }
    return this.atomicPhase_(async (manager) => {
      const created = await this.cardService_
        .withTransaction(manager)
        .createInactiveBatch({ kind: "prepaid_card", currency_code: data.currency_code, count: total, codes: data.codes, range_id: data.range_id })
      return created.map(({ card, account }) => view(card, account))
    })
  }

  // ── Money ─────────────────────────────────────────────────────────────

  /** Tops a card up by `amount` minor units, recording how it was paid (`tender`). */
  async topUp(code: string, amount: number, tender: Tender, ctx: PrepaidContext = {}): Promise<PrepaidMovement> {
    return this.atomicPhase_(async (manager) => {
      const card = await this.usableCard_(await this.cardService_.withTransaction(manager).retrieveByCode(code))
      return this.credit_(card, amount, tender, ctx, manager)
    })
  }

  /**
   * Charges `amount` to the card: 409 `insufficient_balance` when it holds
   * less, 422 `daily_limit_exceeded` when the card's charges of the business
   * day (in the time zone of `ctx.location_id`, UTC without one) would exceed
   * its limit.
   */
  async charge(code: string, amount: number, ctx: PrepaidContext = {}): Promise<PrepaidMovement> {
    return this.atomicPhase_(async (manager) => {
      const accounts = this.valueAccountService_.withTransaction(manager)
      // A card without a daily limit: the card and the charge in one statement. When it charged
      // nothing (a limit, or a refusal), the usual checks and debit below answer, on the card it found.
      const found = await accounts.debitByCode(code, "prepaid_card", amount, "charge", ctx, WITHOUT_DAILY_LIMIT)
      const card = found.movement
        ? found.card!
        : await this.usableCard_(found.card ?? (await this.cardService_.withTransaction(manager).retrieveByCode(code)))
      const { account, transaction } = found.movement ?? (await this.limitedCharge_(card.account_id!, amount, ctx, manager))
      await this.emit_(manager, PrepaidCardService.Events.CHARGED, card, account, {
        ...attributionOf(ctx),
        transaction_id: transaction.id,
        amount,
      })
      return { prepaid_card: view(card, account), transaction }
    })
  }

  /** A charge under the daily limit's lock when the card has one, checked against the business day's charges. */
  protected async limitedCharge_(accountId: string, amount: number, ctx: PrepaidContext, manager: EntityManager): Promise<Movement> {
    const limit = await this.lockDailyLimit_(accountId, manager)
    if (limit !== null) {
      const [{ now }] = await manager.query(`SELECT clock_timestamp() AS now`)
      const timeZone = ctx.location_id
        ? (await this.posLocationService_.withTransaction(manager).retrieve(ctx.location_id)).time_zone
        : DEFAULT_TIME_ZONE
      const window = dayWindow(new Date(now), timeZone)
      const spent = await this.spentSince_(accountId, window.start, manager)
      if (spent + amount > limit) {
        throw new DomainError(
          "daily_limit_exceeded",
          `The card's daily limit is ${limit}; ${spent} was spent on ${window.day}, so ${Math.max(limit - spent, 0)} is left today`,
          422
        )
      }
    }
    return this.valueAccountService_.withTransaction(manager).debit(accountId, amount, "charge", ctx)
  }

  /** An admin credit with a reason (goodwill, correction); the history shows it as `adjust`. */
  async adjust(
    cardId: string,
    amount: number,
    data: { reason: string; user_id?: string | null; idempotency_key?: string | null }
  ): Promise<PrepaidMovement> {
    return this.atomicPhase_(async (manager) => {
      const card = await this.prepaidCard_(cardId, manager)
      if (card.replaced_by_id) {
        throw new DomainError("card_replaced", `Card ${card.code} was replaced; top up its replacement`, 409)
      }
      return this.credit_(
        card,
        amount,
        "adjustment",
        {
          reference: data.reason,
          idempotency_key: data.idempotency_key ? `prepaid:admin:${data.idempotency_key}` : null,
          metadata: data.user_id ? { user_id: data.user_id } : null,
        },
        manager
      )
    })
  }

  // ── Status ────────────────────────────────────────────────────────────

  /** Blocks the card and its account (the history shows a `block` entry). Blocking twice changes nothing. */
  async block(cardId: string, reason: string | null = null): Promise<PrepaidCardDetail> {
    return this.atomicPhase_(async (manager) => {
      const card = await this.prepaidCard_(cardId, manager)
      if (card.status === "inactive") {
        throw new DomainError("card_inactive", `Card ${card.code} has not been issued yet`, 409)
      }
      const blocked = await this.cardService_.withTransaction(manager).setStatus(card.id, "blocked")
      const before = await this.valueAccountService_.withTransaction(manager).retrieve(card.account_id!)
      const account = await this.valueAccountService_
        .withTransaction(manager)
        .setStatus(card.account_id!, "blocked", { reference: reason })
      if (card.status !== "blocked" || before.status !== "blocked") {
        await this.emit_(manager, PrepaidCardService.Events.BLOCKED, blocked, account, {})
      }
      return this.detail_(blocked, account, manager)
    })
  }

  /** Unblocks a blocked card and its account; a replaced card stays blocked (409 `card_replaced`). */
  async unblock(cardId: string, reason: string | null = null): Promise<PrepaidCardDetail> {
    return this.atomicPhase_(async (manager) => {
      const card = await this.prepaidCard_(cardId, manager)
      if (card.status === "inactive") {
        throw new DomainError("card_inactive", `Card ${card.code} has not been issued yet; issue it at a till`, 409)
      }
      const active = await this.cardService_.withTransaction(manager).setStatus(card.id, "active")
      const account = await this.valueAccountService_
        .withTransaction(manager)
        .setStatus(card.account_id!, "active", { reference: reason })
      if (card.status !== "active") {
        await this.emit_(manager, PrepaidCardService.Events.UNBLOCKED, active, account, {})
      }
      return this.detail_(active, account, manager)
    })
  }

  /**
   * Replaces a lost card: a new card (own code or generated) carries on the same
   * account, so balance, history and daily limit stay; the old card is blocked
   * for good. A blocked account is unblocked for the new card.
   */
  async replace(cardId: string, data: { code?: string } = {}): Promise<{ replaced: PrepaidCardDetail; prepaid_card: PrepaidCardDetail }> {
    return this.atomicPhase_(async (manager) => {
      const old = await this.prepaidCard_(cardId, manager)
      if (old.status === "inactive") {
        throw new DomainError("card_inactive", `Card ${old.code} has not been issued yet`, 409)
      }
      const { replaced, card } = await this.cardService_.withTransaction(manager).replace(old.id, { code: data.code })
      const accounts = this.valueAccountService_.withTransaction(manager)
      let account = await accounts.retrieve(card.account_id!)
      if (account.status === "blocked") {
        account = await accounts.setStatus(account.id, "active", { reference: `replaced by card ${card.code}` })
      }
      await this.emit_(manager, PrepaidCardService.Events.REPLACED, replaced, account, {
        replacement_id: card.id,
        replacement_code: card.code,
      })
      return { replaced: await this.detail_(replaced, account, manager), prepaid_card: await this.detail_(card, account, manager) }
    })
  }

  /** Sets or clears (null) the daily spending limit and links the card to a customer (or none). */
  async update(
    cardId: string,
    data: { daily_limit?: number | null; customer_id?: string | null }
  ): Promise<PrepaidCardDetail> {
    return this.atomicPhase_(async (manager) => {
      let card = await this.prepaidCard_(cardId, manager)
      if (data.daily_limit !== undefined) {
        await manager.query(
          `INSERT INTO prepaid_card_setting (account_id, daily_limit) VALUES ($1, $2)
           ON CONFLICT (account_id) DO UPDATE SET daily_limit = EXCLUDED.daily_limit, updated_at = now()`,
          [card.account_id, data.daily_limit]
        )
      }
      if (data.customer_id !== undefined) {
        if (data.customer_id) {
          await assertCustomer(manager, data.customer_id)
        }
        card = await this.cardService_.withTransaction(manager).setCustomer(card.id, data.customer_id)
        await this.valueAccountService_.withTransaction(manager).setCustomer(card.account_id!, data.customer_id)
      }
      const account = await this.valueAccountService_.withTransaction(manager).retrieve(card.account_id!)
      return this.detail_(card, account, manager)
    })
  }

  // ── Reads ─────────────────────────────────────────────────────────────

  /** Cards by code or customer (name, e-mail), status or customer id, newest first. */
  async listAndCount(
    filter: { q?: string; status?: CardDTO["status"]; customer_id?: string },
    page: Page = {}
  ): Promise<[PrepaidCardDetail[], number]> {
    const [cards, count] = await this.cardService_
      .withTransaction(this.activeManager_)
      .listAndCount({ ...filter, kind: "prepaid_card" }, page)
    return [await this.details_(cards, this.activeManager_), count]
  }

  /** One card with its account and limit; 404 unless it is a prepaid card. */
  async retrieve(cardId: string): Promise<PrepaidCardDetail> {
    const card = await this.prepaidCard_(cardId, this.activeManager_)
    const account = await this.valueAccountService_.withTransaction(this.activeManager_).retrieve(card.account_id!)
    return this.detail_(card, account, this.activeManager_)
  }

  /** A card's transactions, newest first (the account's, so a replacement sees the lost card's too). */
  async history(cardId: string, page: Page = {}): Promise<[LedgerTransactionDTO[], number]> {
    const card = await this.prepaidCard_(cardId, this.activeManager_)
    return this.valueAccountService_.withTransaction(this.activeManager_).history(card.account_id!, page)
  }

  /** The signed-in customer's cards (replaced ones left out). */
  async listForCustomer(customerId: string): Promise<PrepaidCardDetail[]> {
    const [cards] = await this.cardService_
      .withTransaction(this.activeManager_)
      .listAndCount({ kind: "prepaid_card", customer_id: customerId }, { limit: 200 })
    return this.details_(
      cards.filter((c) => !c.replaced_by_id),
      this.activeManager_
    )
  }

  /** One of the customer's cards; 404 for a card that is not theirs (as for an unknown one). */
  async retrieveForCustomer(customerId: string, cardId: string): Promise<PrepaidCardDetail> {
    const card = await this.retrieve(cardId).catch((e: DomainError) => {
      if (e.type === "not_found") {
        return null
      }
      throw e
    })
    if (!card || card.customer_id !== customerId || card.replaced_by_id) {
      throw new DomainError("not_found", `Prepaid card ${cardId} was not found`, 404)
    }
    return card
  }

  /**
   * Transactions of prepaid cards for an export: created in [from, to), at one
   * location when given, oldest first, with the card's current code.
   * Walks the ledger through its services, account by account.
   */
  async transactionsForExport(filter: {
    from?: Date
    to?: Date
    location_id?: string
    max_rows: number
  }): Promise<{ rows: { transaction: LedgerTransactionDTO; code: string; customer_id: string | null }[]; truncated: boolean }> {
    const found = await this.valueAccountService_
      .withTransaction(this.activeManager_)
      .listTransactions({ kind: "prepaid_card", from: filter.from, to: filter.to, location_id: filter.location_id }, { limit: filter.max_rows + 1 })
    const rows = found.slice(0, filter.max_rows).map(({ card_code, customer_id, ...transaction }) => ({
      transaction,
      code: card_code ?? "",
      customer_id,
    }))
    return { rows, truncated: found.length > filter.max_rows }
  }

  // ── Online top-up ─────────────────────────────────────────────────────

  /**
   * A cart of the customer's own with one custom line item of `amount` for the
   * card (no product, so no tax and no stock), in a region of the card's
   * currency. The customer pays it through Medusa's checkout; the card is
   * credited when the payment is captured (`creditCapturedTopUps`).
   *
   * What the top-up is — card, line, amount and currency — is fixed in the
   * cart's metadata, which the store API cannot change (a line's metadata it
   * can): completion is refused and nothing is credited when the cart no
   * longer matches it (another region's currency, another quantity).
   */
  async createTopUpCart(customerId: string, cardId: string, amount: number): Promise<{ cart_id: string }> {
    return this.atomicPhase_(async (manager) => {
      const card = await this.retrieveForCustomer(customerId, cardId)
      const customer = await this.customerService_.withTransaction(manager).retrieve(customerId, { select: ["id", "email"] })
      return this.topUpCart_(card, amount, { customer_id: customerId, email: customer.email }, manager)
    })
  }

  /**
   * The online top-up of `/embed/top-up`: a guest cart topping up the prepaid
   * card with this number (any of its codes that is not guessable; the caller
   * counts misses), paid through Medusa's checkout and credited on capture
   * exactly as `createTopUpCart`. Loading money onto a card needs no secret:
   * it can only give, never take.
   */
  async createGuestTopUpCart(code: string, amount: number, email: string): Promise<{ cart_id: string; total: number; currency_code: string }> {
    return this.atomicPhase_(async (manager) => {
      const found = await this.cardService_.withTransaction(manager).retrieveByPublicCode(code)
      if (found.kind !== "prepaid_card" || !found.account_id || found.replaced_by_id) {
        throw new DomainError("not_found", "No prepaid card has this number", 404)
      }
      const [card] = await this.details_([found], manager)
      const { cart_id } = await this.topUpCart_(card, amount, { customer_id: null, email }, manager)
      return { cart_id, total: amount, currency_code: card.currency_code.toLowerCase() }
    })
  }

  protected async topUpCart_(
    card: PrepaidCardDetail,
    amount: number,
    buyer: { customer_id: string | null; email: string },
    manager: EntityManager
  ): Promise<{ cart_id: string }> {
    if (card.status !== "active" || card.account_status !== "active") {
      throw new DomainError("card_blocked", `Card ${card.code} is blocked`, 409)
    }
    const [region] = await this.regionService_
      .withTransaction(manager)
      .list({ currency_code: card.currency_code }, { take: 1, order: { created_at: "ASC" } })
    if (!region) {
      throw new DomainError("no_region", `No region sells in ${card.currency_code.toUpperCase()}`, 422)
    }
    const carts = this.cartService_.withTransaction(manager)
    const cart = await carts.create({ region_id: region.id, ...(buyer.customer_id ? { customer_id: buyer.customer_id } : {}), email: buyer.email })
    // A line without a variant: no price list, no tax, no stock. The store API
    // cannot create such a line, which is what marks it as a genuine top-up.
    const line = await this.lineItemService_.withTransaction(manager).create({
      cart_id: cart.id,
      title: `Top-up of prepaid card ${card.code}`,
      unit_price: amount,
      quantity: 1,
      allow_discounts: false,
      should_merge: false,
      has_shipping: true,
      is_giftcard: false,
      metadata: { [TOP_UP_METADATA_KEY]: card.id },
    })
    const terms: TopUpTerms = { card_id: card.id, line_item_id: line.id, amount, currency_code: card.currency_code.toLowerCase() }
    await carts.update(cart.id, { metadata: { [TOP_UP_TERMS_KEY]: terms } })
    return { cart_id: cart.id }
  }

  /**
   * Why this cart may not be completed as an online top-up, or null when it
   * may (or is no top-up cart at all): its region's currency or its top-up
   * line's amount is no longer what was fixed when it was made, or it is a
   * top-up cart made before terms were fixed. The customer is refused before
   * any payment is authorized (the prepaid plugin's checkout participant).
   */
  async topUpCartRefusal(cartId: string): Promise<DomainError | null> {
    const manager = this.activeManager_
    const [cart]: { metadata: Record<string, unknown> | null; completed_at: Date | null; currency_code: string }[] = await manager.query(
      `SELECT c.metadata, c.completed_at, r.currency_code FROM cart c JOIN region r ON r.id = c.region_id WHERE c.id = $1`,
      [cartId]
    )
    if (!cart || cart.completed_at) {
      return null
    }
    const items: TopUpLine[] = await manager.query(
      `SELECT id, variant_id, unit_price, quantity, metadata FROM line_item WHERE cart_id = $1`,
      [cartId]
    )
    return topUpMismatch(cart.metadata, cart.currency_code, items, null)
  }

  /** The prepaid plugin's part in cart completion: a top-up cart that no longer matches its terms is refused. */
  async planCompletion(cartId: string): Promise<CompletionPlan | null> {
    const refusal = await this.topUpCartRefusal(cartId)
    if (!refusal) {
      return null
    }
    return { refusal, lock: async () => undefined, settle: async () => undefined, afterRefusal: async () => undefined }
  }

  /**
   * Credits the prepaid card of an order's online top-up once its payment is
   * captured: exactly the amount, in exactly the currency, fixed when the cart
   * was made, to the card it was made for. Refused (422 `top_up_changed`,
   * nothing credited) when the order's currency, the line's amount or the
   * card's currency differs. Safe to run any number of times: the credit is
   * keyed by order and line item in the ledger, so a repeated event changes
   * nothing. Returns the credits made now (replays left out).
   */
  async creditCapturedTopUps(orderId: string): Promise<LedgerTransactionDTO[]> {
    return this.atomicPhase_(async (manager) => {
      const order = await this.orderService_
        .withTransaction(manager)
        .retrieve(orderId, { relations: ["items"], select: ["id", "display_id", "currency_code", "payment_status", "cart_id"] })
      if (order.payment_status !== "captured") {
        return []
      }
      const [cart]: { metadata: Record<string, unknown> | null }[] = order.cart_id
        ? await manager.query(`SELECT metadata FROM cart WHERE id = $1`, [order.cart_id])
        : []
      const items: TopUpLine[] = (order.items ?? []).map((i) => ({
        id: i.id,
        variant_id: i.variant_id,
        unit_price: i.unit_price,
        quantity: i.quantity,
        metadata: i.metadata,
      }))
      const terms = topUpTermsOf(cart?.metadata ?? null)
      const card = terms ? await this.prepaidCard_(terms.card_id, manager) : null
      const account = card ? await this.valueAccountService_.withTransaction(manager).retrieve(card.account_id!) : null
      const refusal = topUpMismatch(cart?.metadata ?? null, order.currency_code, items, account?.currency_code ?? null)
      if (refusal) {
        this.logger_.warn(`prepaid: online top-up of order ${order.id} not credited: ${refusal.message}`)
        throw refusal
      }
      if (!terms || !card) {
        return []
      }
      const { account: after, transaction, replayed } = await this.valueAccountService_
        .withTransaction(manager)
        .credit(card.account_id!, terms.amount, "load", {
          idempotency_key: `prepaid:order:${order.id}:${terms.line_item_id}`,
          reference: `order #${order.display_id}`,
          metadata: { tender: "online", order_id: order.id, line_item_id: terms.line_item_id },
        })
      if (replayed) {
        return []
      }
      await this.emit_(manager, PrepaidCardService.Events.TOPPED_UP, card, after, {
        transaction_id: transaction.id,
        amount: transaction.amount,
        tender: "online",
        order_id: order.id,
      })
      return [transaction]
    })
  }

  async health(): Promise<ModuleHealth> {
    await this.activeManager_.query(`SELECT 1 FROM prepaid_card_setting LIMIT 1`)
    return { status: "ok" }
  }

  // ── Internals ─────────────────────────────────────────────────────────

  protected async credit_(
    card: CardDTO,
    amount: number,
    tender: Tender,
    ctx: PrepaidContext & { metadata?: Record<string, unknown> | null },
    manager: EntityManager
  ): Promise<PrepaidMovement> {
    const { account, transaction } = await this.valueAccountService_
      .withTransaction(manager)
      .credit(card.account_id!, amount, tender === "adjustment" ? "adjust" : "load", {
        ...ctx,
        metadata: { ...ctx.metadata, tender },
      })
    await this.emit_(manager, PrepaidCardService.Events.TOPPED_UP, card, account, {
      ...attributionOf(ctx),
      transaction_id: transaction.id,
      amount,
      tender,
    })
    return { prepaid_card: view(card, account), transaction }
  }

  /** A pre-printed card activated by its first issue at a till. */
  protected async activate_(
    card: CardDTO,
    data: { currency_code: string; customer_id?: string | null },
    manager: EntityManager
  ): Promise<CardDTO> {
    if (card.kind !== "prepaid_card" || card.status !== "inactive" || !card.account_id) {
      throw new DomainError("code_taken", `The code ${card.code} is already used by another card`, 409)
    }
    const accounts = this.valueAccountService_.withTransaction(manager)
    const account = await accounts.retrieve(card.account_id)
    if (account.currency_code !== data.currency_code.toLowerCase()) {
      throw new DomainError(
        "currency_mismatch",
        `Card ${card.code} was printed for ${account.currency_code.toUpperCase()}, not ${data.currency_code.toUpperCase()}`,
        422
      )
    }
    const cards = this.cardService_.withTransaction(manager)
    // Two tills activating the same card at once: the second waits here, then finds it active.
    await manager.query(`INSERT INTO prepaid_card_setting (account_id) VALUES ($1) ON CONFLICT (account_id) DO NOTHING`, [
      card.account_id,
    ])
    await manager.query(`SELECT 1 FROM prepaid_card_setting WHERE account_id = $1 FOR UPDATE`, [card.account_id])
    if ((await cards.retrieve(card.id)).status !== "inactive") {
      throw new DomainError("code_taken", `The code ${card.code} was issued meanwhile`, 409)
    }
    if (data.customer_id) {
      await cards.setCustomer(card.id, data.customer_id)
      await accounts.setCustomer(card.account_id, data.customer_id)
    }
    await cards.setStatus(card.id, "active")
    return cards.retrieve(card.id)
  }

  /** A card of kind prepaid_card by id; 404 otherwise. */
  protected async prepaidCard_(cardId: string, manager: EntityManager): Promise<CardDTO> {
    const card = await this.cardService_.withTransaction(manager).retrieve(cardId)
    if (card.kind !== "prepaid_card" || !card.account_id) {
      throw new DomainError("not_found", `Prepaid card ${cardId} was not found`, 404)
    }
    return card
  }

  /** A card that may be topped up or charged: a prepaid card, issued, not blocked. */
  protected async usableCard_<C extends CardSummary>(card: C): Promise<C> {
    if (card.kind !== "prepaid_card" || !card.account_id) {
      throw new DomainError("wrong_card_kind", `${card.code} is not a prepaid card`, 422)
    }
    if (card.status === "inactive") {
      throw new DomainError("card_inactive", `Card ${card.code} has not been issued or activated yet`, 409)
    }
    if (card.status === "blocked") {
      throw new DomainError(
        card.replaced_by_id ? "card_replaced" : "card_blocked",
        card.replaced_by_id ? `Card ${card.code} was replaced and cannot be used` : `Card ${card.code} is blocked`,
        409
      )
    }
    return card
  }

  /**
   * The card's daily limit, with its settings row locked for the rest of the
   * transaction: charges of a card with a limit run one after another, so
   * each sees the ones before it. Null (and no lock) without a limit.
   */
  protected async lockDailyLimit_(accountId: string, manager: EntityManager): Promise<number | null> {
    const [row] = await manager.query(
      `SELECT daily_limit FROM prepaid_card_setting WHERE account_id = $1 AND daily_limit IS NOT NULL FOR UPDATE`,
      [accountId]
    )
    return row ? Number(row.daily_limit) : null
  }

  /**
   * What was charged to the account since `start`: charges, less the reversals
   * of those charges. Reads the ledger's history newest first and stops at the
   * first older entry.
   */
  protected async spentSince_(accountId: string, start: Date, manager: EntityManager): Promise<number> {
    const accounts = this.valueAccountService_.withTransaction(manager)
    const charges = new Map<string, number>()
    const reversals = new Map<string, number>()
    for (let page = 0; page < MAX_DAY_PAGES; page++) {
      const [txs] = await accounts.history(accountId, { limit: HISTORY_PAGE, offset: page * HISTORY_PAGE })
      for (const tx of txs) {
        if (new Date(tx.created_at) < start) {
          return sumSpent(charges, reversals)
        }
        if (tx.type === "charge") {
          charges.set(tx.id, -tx.amount)
        } else if (tx.type === "reverse" && tx.reverses_id) {
          reversals.set(tx.reverses_id, tx.amount)
        }
      }
      if (txs.length < HISTORY_PAGE) {
        return sumSpent(charges, reversals)
      }
    }
    throw new DomainError("daily_limit_exceeded", "Too many charges today to check the daily limit", 422)
  }

  protected async details_(cards: CardDTO[], manager: EntityManager): Promise<PrepaidCardDetail[]> {
    const ids = cards.map((c) => c.account_id!).filter(Boolean)
    if (!ids.length) {
      return []
    }
    const [accounts] = await this.valueAccountService_
      .withTransaction(manager)
      .listAndCount({ ids }, { limit: ids.length })
    const byId = new Map(accounts.map((a) => [a.id, a]))
    const limits = await this.limitsOf_(ids, manager)
    return cards.filter((c) => byId.has(c.account_id!)).map((c) => detail(c, byId.get(c.account_id!)!, limits.get(c.account_id!) ?? null))
  }

  protected async detail_(card: CardDTO, account: ValueAccountDTO, manager: EntityManager): Promise<PrepaidCardDetail> {
    const limits = await this.limitsOf_([account.id], manager)
    return detail(card, account, limits.get(account.id) ?? null)
  }

  protected async limitsOf_(accountIds: string[], manager: EntityManager): Promise<Map<string, number>> {
    const rows: { account_id: string; daily_limit: string | null }[] = await manager.query(
      `SELECT account_id, daily_limit FROM prepaid_card_setting WHERE account_id = ANY($1) AND daily_limit IS NOT NULL`,
      [accountIds]
    )
    return new Map(rows.map((r) => [r.account_id, Number(r.daily_limit)]))
  }

  protected async emit_(
    manager: EntityManager,
    event: string,
    card: CardSummary,
    account: ValueAccountDTO,
    extra: Partial<PrepaidCardEvent>
  ): Promise<void> {
    const payload: PrepaidCardEvent = {
      id: card.id,
      code: card.code,
      account_id: account.id,
      customer_id: card.customer_id,
      currency_code: account.currency_code,
      balance: account.balance,
      ...extra,
    }
    await this.eventBusService_.withTransaction(manager).emit(event, payload)
  }

}

function sumSpent(charges: Map<string, number>, reversals: Map<string, number>): number {
  let spent = 0
  for (const [id, amount] of charges) {
    spent += amount - (reversals.get(id) ?? 0)
  }
  return spent
}

function attributionOf(ctx: PrepaidContext): Partial<PrepaidCardEvent> {
  return { location_id: ctx.location_id ?? null, terminal_id: ctx.terminal_id ?? null, staff_id: ctx.staff_id ?? null }
}

const view: (card: CardSummary, account: ValueAccountDTO) => PrepaidCardView = valueCardView

/** The charge's fast path applies to a card whose account has no daily limit (see lockDailyLimit_). */
const WITHOUT_DAILY_LIMIT = "NOT EXISTS (SELECT 1 FROM prepaid_card_setting s WHERE s.account_id = card.account_id AND s.daily_limit IS NOT NULL)"

function detail(card: CardDTO, account: ValueAccountDTO, dailyLimit: number | null): PrepaidCardDetail {
  return {
    ...view(card, account),
    account_id: account.id,
    account_status: account.status,
    daily_limit: dailyLimit,
    replaced_by_id: card.replaced_by_id,
    identifiers: card.identifiers.map((i) => ({ kind: i.kind, value: i.value })),
    created_at: card.created_at,
  }
}

/** The terms fixed in a top-up cart's metadata, or null when it has none (or they are malformed). */
function topUpTermsOf(metadata: Record<string, unknown> | null): TopUpTerms | null {
  const t = metadata?.[TOP_UP_TERMS_KEY] as Partial<TopUpTerms> | undefined
  if (
    !t ||
    typeof t.card_id !== "string" ||
    typeof t.line_item_id !== "string" ||
    !Number.isSafeInteger(t.amount) ||
    (t.amount as number) <= 0 ||
    typeof t.currency_code !== "string"
  ) {
    return null
  }
  return t as TopUpTerms
}

/**
 * Why a cart (or its order) does not carry the top-up it was made for: its
 * currency, the top-up line's amount, or (when known) the card's currency is
 * not what was fixed; or a top-up line without terms. Null when it matches or
 * carries no top-up. Amounts are compared in minor units, currencies as codes.
 */
function topUpMismatch(
  metadata: Record<string, unknown> | null,
  currencyCode: string,
  items: TopUpLine[],
  cardCurrency: string | null
): DomainError | null {
  const terms = topUpTermsOf(metadata)
  if (!terms) {
    // A custom line naming a card without terms (a cart made before terms were fixed): never credited.
    return items.some((i) => !i.variant_id && typeof i.metadata?.[TOP_UP_METADATA_KEY] === "string")
      ? topUpChanged("it was made before top-ups were fixed; start a new top-up")
      : null
  }
  if (currencyCode.toLowerCase() !== terms.currency_code || (cardCurrency !== null && cardCurrency.toLowerCase() !== terms.currency_code)) {
    return topUpChanged(`it was made in ${terms.currency_code.toUpperCase()} and is now in ${currencyCode.toUpperCase()}`)
  }
  const line = items.find((i) => i.id === terms.line_item_id)
  if (!line || line.variant_id || Number(line.unit_price) * Number(line.quantity) !== terms.amount) {
    return topUpChanged(`its amount is no longer the ${terms.amount} minor units it was made for`)
  }
  return null
}

function topUpChanged(why: string): DomainError {
  return new DomainError("top_up_changed", `This top-up cart no longer matches the top-up it was made for: ${why}`, 422)
}
