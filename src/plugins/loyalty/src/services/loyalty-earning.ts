import { CustomerService, EventBusService, generateEntityId, OrderService, TransactionBaseService } from "@medusajs/medusa"
import { EntityManager } from "typeorm"

import { newEntityId } from "@customer-modules/core"
import { cardByCodeSql, movedOf, movementCtes } from "@customer-modules/ledger"
import type { CardService, LedgerTransactionDTO, Movement, MovementOptions, ValueAccountService } from "@customer-modules/ledger"

import type { LoyaltyContext, LoyaltyVisit, TillLine } from "../types"
import { pointsFor, share, withCampaign } from "../utils/points"
import { usableCard } from "../utils/views"
import type { UsableCardFields } from "../utils/views"
import { Settings } from "../validators"
import type { LoyaltySettings } from "../validators"
import type LoyaltyService from "./loyalty"
import { DEFAULT_SETTINGS } from "./loyalty"

type InjectedDependencies = {
  manager: EntityManager
  loyaltyService: LoyaltyService
  valueAccountService: ValueAccountService
  cardService: CardService
  customerService: CustomerService
  orderService: OrderService
  eventBusService: EventBusService
}

/** What the till's claim statement answers (see claimTillVisit_). */
type TillClaim = {
  card: UsableCardFields | null
  account_id: string | null
  claimed: boolean
  settings: Partial<LoyaltySettings> | null
  settings_version: string
  moved_account: unknown
  moved_transaction: unknown
}

/** The settings this process read last, with their fingerprint: earn calls plan with them and check them in the same statement. */
let settingsSeen: { version: string; settings: LoyaltySettings } | null = null

/**
 * Payment providers whose money arrives after the order is placed: such an
 * order earns when its payment is confirmed, not at `order.placed`. `invoice`
 * is the debtor plugin's "on invoice" (it tells us through `debtor_invoice.paid`).
 */
export const PAID_LATER_PROVIDERS = ["invoice"]

/**
 * Earning points: at the till on the paid amount of a receipt, on web orders
 * on the paid goods (or once an invoice is paid), and taking them back on
 * cancellation and refunds. Every earning is one visit row (`loyalty_visit`).
 *
 * Guarantees, whatever the concurrency and however often an event arrives:
 * - a receipt or an order earns once: the visit's key
 *   (`loyalty:earn:pos:<terminal>:<receipt>`, `loyalty:earn:order:<id>`) is
 *   unique and is also the ledger idempotency key of the award;
 * - a till award is computed under the settings in force when the receipt is
 *   claimed (the claim reads them in the same statement);
 * - a cancellation or a refund takes back at most what the order earned, once
 *   per cancellation (`loyalty:cancel:order:<id>`) and per refund
 *   (`loyalty:refund:<id>`), never below a zero balance.
 *
 * Resolved as `loyaltyEarningService`; members come from `loyaltyService`.
 * Callers own the transaction (`withTransaction(manager)`).
 */
export default class LoyaltyEarningService extends TransactionBaseService {
  static Events = {
    EARNED: "loyalty.points_earned",
  }

  protected readonly loyaltyService_: LoyaltyService
  protected readonly valueAccountService_: ValueAccountService
  protected readonly cardService_: CardService
  protected readonly customerService_: CustomerService
  protected readonly orderService_: OrderService
  protected readonly eventBusService_: EventBusService

  constructor(container: InjectedDependencies) {
    super(container)
    this.loyaltyService_ = container.loyaltyService
    this.valueAccountService_ = container.valueAccountService
    this.cardService_ = container.cardService
    this.customerService_ = container.customerService
    this.orderService_ = container.orderService
    this.eventBusService_ = container.eventBusService
  }

  /**
   * Points for a till sale of `amount` minor units under the settings (the
   * terminal location's rate when one is set). Keyed by terminal and receipt
   * reference: the same receipt reported again awards nothing more and
   * answers the first award.
   */
  async earnAtTill(
    code: string,
    data: { amount: number; currency_code: string; reference: string; lines?: TillLine[] },
    ctx: LoyaltyContext & { terminal_id: string }
  ): Promise<{ points_earned: number; points: number; eligible_amount: number; transaction: LedgerTransactionDTO | null }> {
    return this.atomicPhase_(async (manager) => {
      const key = `loyalty:earn:pos:${ctx.terminal_id}:${data.reference}`
      const accounts = this.valueAccountService_.withTransaction(manager)
      const plan = async (settings: LoyaltySettings) => {
        const rate = (ctx.location_id && settings.location_rates[ctx.location_id]) || settings
        const eligible = data.lines ? await this.eligibleAtTill_(data.amount, data.lines, settings, manager) : data.amount
        const base = pointsFor(eligible, rate, settings.rounding, settings.min_spend_minor)
        return { eligible, ...withCampaign(base, settings.campaigns, new Date(), ctx.location_id ?? null) }
      }
      // Claim the receipt with the points under the settings this process saw last; the
      // same statement answers the settings in force, so a change made anywhere is caught.
      const seenSettings = settingsSeen
      let planned = seenSettings ? await plan(seenSettings.settings) : null
      const visit = {
        key,
        location_id: ctx.location_id ?? null,
        terminal_id: ctx.terminal_id,
        reference: data.reference,
        amount_minor: data.amount,
        currency_code: data.currency_code,
      }
      const creditOptions = (p: { eligible: number; campaign: unknown }) => ({
        ...ctx,
        reference: data.reference,
        idempotency_key: key,
        metadata: { source: "pos", amount_minor: data.amount, eligible_minor: p.eligible, currency_code: data.currency_code, campaign: p.campaign },
      })
      // The card, its member's account, the receipt's claim and, under the settings planned with, the
      // credit in one statement. A card the statement did not find is answered as retrieveByCode
      // answers it; one that cannot earn claims nothing.
      const credit = seenSettings && planned && planned.points > 0 ? { version: seenSettings.version, options: creditOptions(planned) } : null
      let claim = await this.claimTillVisit_(manager, code, visit, planned?.points ?? 0, credit)
      const card = usableCard(claim.card ?? (await this.cardService_.withTransaction(manager).retrieveByCode(code)))
      const customerId = card.customer_id!
      if (!claim.account_id) {
        // Not a member with a points account yet (a shop sign-up still on its way), or the card was issued just now: join now.
        await this.loyaltyService_.withTransaction(manager).ensureMember(customerId)
        claim = await this.claimTillVisit_(manager, code, visit, planned?.points ?? 0, credit)
      }
      const earned = movedOf(claim)
      if (earned) {
        return this.earned_(manager, customerId, planned!, earned)
      }
      const accountId = claim.account_id!
      if (!claim.claimed) {
        // This receipt was reported before: answer the first award.
        const earlier = await accounts.retrieveByIdempotencyKey(key)
        const [seen] = await manager.query(`SELECT points_earned FROM loyalty_visit WHERE key = $1`, [key])
        return {
          points_earned: earlier?.amount ?? Number(seen?.points_earned ?? 0),
          points: await accounts.balance(accountId),
          eligible_amount: Number(earlier?.metadata?.eligible_minor ?? data.amount),
          transaction: earlier,
        }
      }
      if (!seenSettings || seenSettings.version !== claim.settings_version) {
        const parsed = Settings.safeParse({ ...DEFAULT_SETTINGS, ...(claim.settings ?? {}) })
        const settings = parsed.success ? parsed.data : DEFAULT_SETTINGS
        settingsSeen = { version: claim.settings_version, settings }
        const fresh = await plan(settings)
        if (fresh.points !== (planned?.points ?? 0)) {
          await manager.query(`UPDATE loyalty_visit SET points_earned = $2 WHERE key = $1`, [key, fresh.points])
        }
        planned = fresh
      }
      const { eligible, points } = planned!
      if (points <= 0) {
        return { points_earned: 0, points: await accounts.balance(accountId), eligible_amount: eligible, transaction: null }
      }
      const movement = await accounts.credit(accountId, points, "grant", creditOptions(planned!))
      if (movement.replayed) {
        // The ledger knew this receipt from before visits were recorded: keep its award.
        await manager.query(`UPDATE loyalty_visit SET points_earned = $2 WHERE key = $1`, [key, movement.transaction.amount])
        return {
          points_earned: movement.transaction.amount,
          points: movement.account.balance,
          eligible_amount: Number(movement.transaction.metadata?.eligible_minor ?? data.amount),
          transaction: movement.transaction,
        }
      }
      return this.earned_(manager, customerId, planned!, movement)
    })
  }

  /** A till award made: its event, and the answer. */
  protected async earned_(
    manager: EntityManager,
    customerId: string,
    planned: { points: number; eligible: number },
    movement: Movement
  ): Promise<{ points_earned: number; points: number; eligible_amount: number; transaction: LedgerTransactionDTO }> {
    await this.eventBusService_
      .withTransaction(manager)
      .emit(LoyaltyEarningService.Events.EARNED, { customer_id: customerId, points: planned.points, transaction_id: movement.transaction.id, source: "pos" })
    return { points_earned: planned.points, points: movement.account.balance, eligible_amount: planned.eligible, transaction: movement.transaction }
  }

  /**
   * Records a till receipt once (its key is unique; a concurrent twin waits for
   * the first to commit and then claims nothing), for the active customer card
   * the code names whose member has a points account, and answers in the same
   * statement the card, that account and the settings in force with a
   * fingerprint of them. `card` is null when the code names no card. With
   * `credit`, the same statement also credits the points when the receipt was
   * claimed and the settings in force are still those of `credit.version`
   * (`moved_*`, see the ledger's movementCtes; null when it did not).
   */
  protected async claimTillVisit_(
    manager: EntityManager,
    code: string,
    v: { key: string; location_id: string | null; terminal_id: string; reference: string; amount_minor: number; currency_code: string },
    points: number,
    credit: { version: string; options: MovementOptions } | null = null
  ): Promise<TillClaim> {
    const VERSION = `COALESCE((SELECT md5(data::text) FROM loyalty_setting WHERE id = 'default'), 'none')`
    const move = credit ? movementCtes(`(SELECT account_id FROM claim WHERE ${VERSION} = $1)`, credit.version, points, "grant", credit.options) : null
    // This statement's own parameters follow the movement's.
    const first = move ? move.params.length + 1 : 1
    const byCode = cardByCodeSql(code, first + 8)
    if (!byCode) {
      return { card: null, account_id: null, claimed: false, settings: null, settings_version: "none", moved_account: null, moved_transaction: null }
    }
    const $ = (i: number) => `$${first + i}`
    const [row] = await manager.query(
      `WITH card AS (${byCode.sql}),
            m AS (SELECT lm.account_id, card.customer_id FROM card JOIN loyalty_member lm ON lm.customer_id = card.customer_id
                   WHERE card.kind = 'customer_card' AND card.status = 'active' AND lm.account_id IS NOT NULL),
            claim AS (
              INSERT INTO loyalty_visit (id, key, customer_id, account_id, source, order_id, location_id, terminal_id, reference, amount_minor, currency_code, points_earned)
              SELECT ${$(0)}, ${$(1)}, m.customer_id, m.account_id, 'pos', NULL, ${$(2)}, ${$(3)}, ${$(4)}, ${$(5)}, ${$(6)}, ${$(7)} FROM m
              ON CONFLICT (key) DO NOTHING
              RETURNING id, account_id
            )${move ? `, ${move.ctes}` : ""}
       SELECT (SELECT json_build_object('code', code, 'kind', kind, 'status', status, 'customer_id', customer_id) FROM card) AS card,
              (SELECT account_id FROM m) AS account_id,
              EXISTS (SELECT 1 FROM claim) AS claimed,
              s.data AS settings,
              ${VERSION} AS settings_version,
              ${move ? move.columns : "NULL AS moved_account, NULL AS moved_transaction"}
         FROM (SELECT 1) one LEFT JOIN loyalty_setting s ON s.id = 'default'`,
      [...(move?.params ?? []), newEntityId("lvis"), v.key, v.location_id, v.terminal_id, v.reference, v.amount_minor, v.currency_code, points, ...byCode.params]
    )
    return row
  }

  /**
   * The part of a till receipt's paid `amount` that earns: the receipt's
   * lines identify products of the catalogue (product, variant or SKU) or a
   * category; lines of excluded products or categories do not earn, and the
   * paid amount (after receipt discounts and rewards) is shared out in
   * proportion to the lines' amounts. Lines the catalogue does not know earn.
   */
  protected async eligibleAtTill_(amount: number, lines: TillLine[], settings: LoyaltySettings, manager: EntityManager): Promise<number> {
    const variantIds = lines.map((l) => l.variant_id).filter((v): v is string => !!v)
    const skus = lines.map((l) => l.sku).filter((v): v is string => !!v)
    const variants: { id: string; sku: string | null; product_id: string }[] =
      variantIds.length || skus.length
        ? await manager.query(`SELECT id, sku, product_id FROM product_variant WHERE deleted_at IS NULL AND (id = ANY($1) OR sku = ANY($2))`, [variantIds, skus])
        : []
    const productOf = (line: TillLine): string | null =>
      line.product_id ??
      variants.find((v) => v.id === line.variant_id)?.product_id ??
      variants.find((v) => line.sku !== undefined && v.sku === line.sku)?.product_id ??
      null
    const productIds = lines.map(productOf).filter((p): p is string => !!p)
    const inExcludedCategory = await this.productsInCategories_(productIds, settings.excluded_category_ids, manager)
    const excluded = (line: TillLine) => {
      const product = productOf(line)
      return (
        (line.category_id !== undefined && settings.excluded_category_ids.includes(line.category_id)) ||
        (product !== null && (settings.excluded_product_ids.includes(product) || inExcludedCategory.has(product)))
      )
    }
    const listed = lines.reduce((sum, l) => sum + l.amount, 0)
    const earning = lines.filter((l) => !excluded(l)).reduce((sum, l) => sum + l.amount, 0)
    return share(amount, earning, listed)
  }

  /**
   * Points for a web order of a member, on what was paid for goods: the
   * items' totals after discounts, less the share paid by gift cards and
   * vouchers, without shipping, gift-card and custom (non-product) lines and
   * excluded products or categories. Keyed `loyalty:earn:order:<id>`: a
   * repeated event awards nothing more. Returns the points awarded now.
   *
   * An order paid with a tender whose money comes later (on invoice: the
   * payment provider `invoice`) earns nothing when it is placed: its points
   * are pending until the invoice is paid in full (`debtor_invoice.paid`,
   * whose subscriber calls this with `paid: true`), decision 0070.
   */
  async earnForOrder(orderId: string, options: { paid?: boolean } = {}): Promise<number> {
    return this.atomicPhase_(async (manager) => {
      if (!options.paid) {
        const [later] = await manager.query(`SELECT 1 FROM payment WHERE order_id = $1 AND provider_id = ANY($2) LIMIT 1`, [orderId, PAID_LATER_PROVIDERS])
        if (later) {
          return 0
        }
      }
      const order = await this.orderService_.withTransaction(manager).retrieveWithTotals(orderId, {
        relations: ["items", "items.variant", "shipping_methods"],
      })
      if (!order.customer_id) {
        return 0
      }
      let member = await this.loyaltyService_.withTransaction(manager).member(order.customer_id)
      if (!member?.account_id) {
        // A shop account whose sign-up event is still on its way joins now; guests do not earn.
        const customer = await this.customerService_.withTransaction(manager).retrieve(order.customer_id, { select: ["id", "has_account"] })
        if (!customer.has_account) {
          return 0
        }
        member = await this.loyaltyService_.withTransaction(manager).ensureMember(order.customer_id)
      }
      const accountId = member.account_id!
      const key = `loyalty:earn:order:${order.id}`
      const [seen] = await manager.query(`SELECT 1 FROM loyalty_visit WHERE key = $1`, [key])
      if (seen) {
        return 0
      }
      const settings = await this.loyaltyService_.withTransaction(manager).settings()
      const items = order.items ?? []
      const excludedByCategory = await this.productsInCategories_(
        items.map((i) => i.variant?.product_id).filter((p): p is string => !!p),
        settings.excluded_category_ids,
        manager
      )
      const itemsGross = items.reduce((sum, i) => sum + (i.total ?? 0), 0)
      const eligibleGross = items
        .filter((i) => {
          const productId = i.variant?.product_id
          return !i.is_giftcard && productId && !settings.excluded_product_ids.includes(productId) && !excludedByCategory.has(productId)
        })
        .reduce((sum, i) => sum + (i.total ?? 0), 0)
      const shippingGross = (order.shipping_methods ?? []).reduce((sum, m) => sum + ((m as { total?: number }).total ?? m.price), 0)
      const paidForGoods = Math.max(0, Math.min(itemsGross, (order.total ?? 0) - shippingGross))
      const eligible = share(paidForGoods, eligibleGross, itemsGross)
      const base = pointsFor(eligible, settings, settings.rounding, settings.min_spend_minor)
      // The campaign in force when the order was placed, not when the event arrived.
      const { points, campaign } = withCampaign(base, settings.campaigns, new Date(order.created_at), null)
      if (points > 0) {
        const movement = await this.valueAccountService_.withTransaction(manager).credit(accountId, points, "grant", {
          reference: `web order #${order.display_id}`,
          idempotency_key: key,
          metadata: { source: "web", order_id: order.id, amount_minor: eligible, currency_code: order.currency_code, campaign },
        })
        if (movement.replayed) {
          return 0
        }
      }
      await this.recordVisit_(manager, {
        key,
        customer_id: order.customer_id,
        account_id: accountId,
        source: "web",
        order_id: order.id,
        location_id: null,
        terminal_id: null,
        reference: `web order #${order.display_id}`,
        amount_minor: eligible,
        currency_code: order.currency_code,
        points_earned: points,
      })
      return points
    })
  }

  /**
   * Takes back what an order earned and has not been taken back yet
   * (cancellation: `refund_id` null) or the refund's share of it, once per
   * cancellation and per refund. Never below zero: when the customer has
   * spent the points meanwhile, takes what is left. Returns the points taken.
   */
  async takeBack(orderId: string, refund: { id: string; refunded_total: number } | null = null): Promise<number> {
    return this.atomicPhase_(async (manager) => {
      const [visit] = await manager.query(`SELECT * FROM loyalty_visit WHERE key = $1 FOR UPDATE`, [`loyalty:earn:order:${orderId}`])
      if (!visit) {
        return 0
      }
      const earned = Number(visit.points_earned)
      const remaining = earned - Number(visit.points_taken_back)
      // A refund's due is counted on all refunds so far, so that refunds in parts add up to the whole.
      const due = refund ? Math.min(remaining, share(earned, refund.refunded_total, Number(visit.amount_minor)) - Number(visit.points_taken_back)) : remaining
      const key = refund ? `loyalty:refund:${refund.id}` : `loyalty:cancel:order:${orderId}`
      const accounts = this.valueAccountService_.withTransaction(manager)
      if (due <= 0 || (await accounts.retrieveByIdempotencyKey(key))) {
        return 0
      }
      const taken = Math.min(due, await accounts.balance(visit.account_id))
      if (taken > 0) {
        const movement = await accounts.debit(visit.account_id, taken, "adjust", {
          reference: refund ? `refund of order ${orderId}` : `cancellation of order ${orderId}`,
          idempotency_key: key,
          metadata: { source: "web", order_id: orderId, refund_id: refund?.id ?? null, due },
        })
        if (movement.replayed) {
          return 0
        }
      }
      // Points already spent cannot be taken; what was due is settled either way.
      await manager.query(`UPDATE loyalty_visit SET points_taken_back = points_taken_back + $2 WHERE id = $1`, [visit.id, due])
      return taken
    })
  }

  /**
   * The order's refunds for `takeBack`, oldest first, each with what the
   * order had had refunded up to and including it, and whether the order is
   * refunded in full. Covers every way Medusa refunds: an admin refund, a
   * received return, a refund claim, a swap's negative difference; null for
   * an unknown order.
   */
  async refundsOf(orderId: string): Promise<{ refunds: { id: string; refunded_total: number }[]; refunded_in_full: boolean } | null> {
    const [order] = await this.activeManager_.query(`SELECT id, payment_status FROM "order" WHERE id = $1`, [orderId])
    if (!order) {
      return null
    }
    const rows: { id: string; amount: string }[] = await this.activeManager_.query(
      `SELECT id, amount FROM refund WHERE order_id = $1 ORDER BY created_at, id`,
      [orderId]
    )
    const [{ paid }] = await this.activeManager_.query(`SELECT COALESCE(SUM(amount), 0)::bigint AS paid FROM payment WHERE order_id = $1`, [orderId])
    let refunded = 0
    const refunds = rows.map((r) => ({ id: r.id, refunded_total: (refunded += Number(r.amount)) }))
    return {
      refunds,
      // Medusa marks admin refunds "refunded" but leaves the payment status of returns alone.
      refunded_in_full: order.payment_status === "refunded" || (Number(paid) > 0 && refunded >= Number(paid)),
    }
  }


  protected async recordVisit_(
    manager: EntityManager,
    v: Omit<LoyaltyVisit, "id" | "created_at" | "points_taken_back"> & { key: string; customer_id: string; account_id: string; terminal_id: string | null }
  ): Promise<void> {
    await manager.query(
      `INSERT INTO loyalty_visit (id, key, customer_id, account_id, source, order_id, location_id, terminal_id, reference, amount_minor, currency_code, points_earned)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (key) DO NOTHING`,
      [
        generateEntityId(undefined, "lvis"),
        v.key,
        v.customer_id,
        v.account_id,
        v.source,
        v.order_id,
        v.location_id,
        v.terminal_id,
        v.reference,
        v.amount_minor,
        v.currency_code,
        v.points_earned,
      ]
    )
  }

  /** Which of these products are in one of the categories (empty without product categories). */
  protected async productsInCategories_(productIds: string[], categoryIds: string[], manager: EntityManager): Promise<Set<string>> {
    if (!productIds.length || !categoryIds.length) {
      return new Set()
    }
    const [{ exists }] = await manager.query(`SELECT to_regclass('product_category_product') IS NOT NULL AS exists`)
    if (!exists) {
      return new Set()
    }
    const rows: { product_id: string }[] = await manager.query(
      `SELECT DISTINCT product_id FROM product_category_product WHERE product_id = ANY($1) AND product_category_id = ANY($2)`,
      [productIds, categoryIds]
    )
    return new Set(rows.map((r) => r.product_id))
  }
}
