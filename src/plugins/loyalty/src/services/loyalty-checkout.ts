import { CartService, generateEntityId, LineItemAdjustmentService, LineItemService, TransactionBaseService } from "@medusajs/medusa"
import type { Cart, LineItem, Logger } from "@medusajs/medusa"
import { EntityManager } from "typeorm"

import { DomainError, inNewTransaction } from "@customer-modules/core"
import type { CheckoutParticipant, CompletionPlan, ValueAccountService } from "@customer-modules/ledger"

import type { LoyaltyReward } from "../types"
import type LoyaltyService from "./loyalty"
import type LoyaltyRewardService from "./loyalty-reward"

type InjectedDependencies = {
  manager: EntityManager
  logger: Logger
  cartService: CartService
  lineItemService: LineItemService
  lineItemAdjustmentService: LineItemAdjustmentService
  valueAccountService: ValueAccountService
  loyaltyService: LoyaltyService
  loyaltyRewardService: LoyaltyRewardService
}

/** A reward on a web cart, as the customer sees it. */
export type CartReward = {
  id: string
  reward_id: string
  title: string
  kind: LoyaltyReward["kind"]
  points: number
  /** What it takes off the customer's total (tax included), in minor units of `currency_code`. */
  amount: number
  currency_code: string
  variant_id: string | null
}

type Row = CartReward & {
  cart_id: string
  customer_id: string
  account_id: string
  status: string
  /** The sum of its line-item adjustments, in the lines' price basis. */
  adjusted: number
  order_id: string | null
  transaction_id: string | null
  created_at: Date
}

/** What a customer's cart carries in rewards and what their points allow. */
export type CartRewards = { rewards: CartReward[]; points: number; points_applied: number }

const ADJUSTMENT_KEY = "loyalty_cart_reward_id"

/**
 * Rewards redeemed in the web checkout (decision 0036).
 *
 * A signed-in customer applies a reward to their cart: a fixed-discount reward
 * becomes line-item adjustments spread over the cart's goods in proportion to
 * their price (never onto gift cards); a product reward puts the product in
 * the cart (if it is not there) and takes its price off one unit. Both are
 * Medusa *custom adjustments* (no Medusa discount): they reduce the taxable
 * amount like a discount, survive Medusa's discount recalculation and leave
 * the cart's one Medusa coupon free for the shop.
 *
 * The points are taken when the order is placed, not before: the ledger's
 * cart-completion strategy asks `planCompletion`, which drops rewards the
 * cart no longer carries as applied (items removed, price changed, points
 * spent at a till meanwhile, cap lowered) and refuses with
 * `409 reward_changed` so the customer sees the new total; otherwise the
 * points account is locked, Medusa completes, and the points are debited
 * once (keyed `loyalty:cart-reward:<id>`) before the lock is released. A
 * cancelled or fully refunded order gets its points back.
 */
export default class LoyaltyCheckoutService extends TransactionBaseService implements CheckoutParticipant {
  protected readonly logger_: Logger
  protected readonly cartService_: CartService
  protected readonly lineItemService_: LineItemService
  protected readonly lineItemAdjustmentService_: LineItemAdjustmentService
  protected readonly valueAccountService_: ValueAccountService
  protected readonly loyaltyService_: LoyaltyService
  protected readonly loyaltyRewardService_: LoyaltyRewardService

  constructor(container: InjectedDependencies) {
    super(container)
    this.logger_ = container.logger
    this.cartService_ = container.cartService
    this.lineItemService_ = container.lineItemService
    this.lineItemAdjustmentService_ = container.lineItemAdjustmentService
    this.valueAccountService_ = container.valueAccountService
    this.loyaltyService_ = container.loyaltyService
    this.loyaltyRewardService_ = container.loyaltyRewardService
  }

  /** The rewards on the customer's cart, their points and how many the cart will take. */
  async list(cartId: string, customerId: string): Promise<CartRewards> {
    const manager = this.activeManager_
    await ownCart(manager, cartId, customerId)
    return this.summary_(manager, cartId, customerId)
  }

  /**
   * Applies a reward to the customer's open cart. Refused when the reward is
   * withdrawn (422 `reward_inactive`), kept in another currency (422
   * `currency_mismatch`), already on the cart (409 `reward_already_applied`),
   * above the per-sale cap together with the cart's other rewards (422
   * `redemption_cap_exceeded`), not covered by the points (409
   * `insufficient_points`) or worth more than the cart's goods (422
   * `reward_exceeds_cart`). Nothing is taken from the points yet.
   */
  async apply(cartId: string, customerId: string, rewardId: string): Promise<CartRewards> {
    return this.atomicPhase_(async (manager) => {
      await ownCart(manager, cartId, customerId, true)
      const loyalty = this.loyaltyService_.withTransaction(manager)
      const reward = await this.loyaltyRewardService_.withTransaction(manager).retrieveReward(rewardId)
      if (!reward.active) {
        throw new DomainError("reward_inactive", `The reward "${reward.title}" is no longer offered`, 422)
      }
      const applied = await this.rows_(manager, cartId)
      if (applied.some((r) => r.reward_id === reward.id)) {
        throw new DomainError("reward_already_applied", `"${reward.title}" is already on this cart`, 409)
      }
      const pointsApplied = applied.reduce((sum, r) => sum + r.points, 0) + reward.points
      const settings = await loyalty.settings()
      if (settings.redemption_cap_points !== null && pointsApplied > settings.redemption_cap_points) {
        throw new DomainError("redemption_cap_exceeded", `At most ${settings.redemption_cap_points} points can be redeemed in one order`, 422)
      }
      const member = await loyalty.memberOf(customerId)
      const balance = member ? await this.valueAccountService_.withTransaction(manager).balance(member.account_id) : 0
      if (!member || pointsApplied > balance) {
        throw new DomainError("insufficient_points", `"${reward.title}" needs ${reward.points} points; ${balance - (pointsApplied - reward.points)} are free`, 409)
      }

      let cart = await this.cart_(manager, cartId)
      if (reward.kind === "discount" && reward.currency_code !== cart.region.currency_code) {
        throw new DomainError("currency_mismatch", `"${reward.title}" is kept in ${reward.currency_code!.toUpperCase()}`, 422)
      }
      if (reward.kind === "product_variant" && !cart.items.some((i) => i.variant_id === reward.variant_id)) {
        const line = await this.lineItemService_
          .withTransaction(manager)
          .generate({ variantId: reward.variant_id!, quantity: 1 }, { region_id: cart.region_id, customer_id: customerId })
        await this.cartService_.withTransaction(manager).addOrUpdateLineItems(cartId, line, { validateSalesChannels: false })
        cart = await this.cart_(manager, cartId)
      }
      const { parts, value } = allocate(reward, cart.items)
      const adjusted = parts.reduce((sum, p) => sum + p.amount, 0)
      const id = generateEntityId(undefined, "lcrw")
      await manager.query(
        `INSERT INTO loyalty_cart_reward (id, cart_id, customer_id, account_id, reward_id, title, kind, points, amount, adjusted, currency_code, variant_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        [id, cartId, customerId, member.account_id, reward.id, reward.title, reward.kind, reward.points, value, adjusted, cart.region.currency_code, reward.variant_id]
      )
      const adjustments = this.lineItemAdjustmentService_.withTransaction(manager)
      for (const part of parts) {
        await adjustments.create({
          item_id: part.item_id,
          amount: part.amount,
          description: `Reward: ${reward.title} (${reward.points} points)`,
          discount_id: null,
          metadata: { [ADJUSTMENT_KEY]: id, reward_id: reward.id },
        } as unknown as Parameters<LineItemAdjustmentService["create"]>[0])
      }
      await this.paymentSessionsFollow_(manager, cart)
      return this.summary_(manager, cartId, customerId)
    })
  }

  /** Takes a reward off the customer's open cart (and the adjustments with it; a product it added stays). */
  async remove(cartId: string, customerId: string, rewardId: string): Promise<CartRewards> {
    return this.atomicPhase_(async (manager) => {
      await ownCart(manager, cartId, customerId, true)
      const row = (await this.rows_(manager, cartId)).find((r) => r.reward_id === rewardId)
      if (!row) {
        throw new DomainError("not_found", "This reward is not on the cart", 404)
      }
      await this.drop_(manager, [row])
      await this.paymentSessionsFollow_(manager, await this.cart_(manager, cartId))
      return this.summary_(manager, cartId, customerId)
    })
  }

  /** The cart with its totals, as Medusa's store cart route shows it. */
  async cartWithTotals(cartId: string): Promise<Cart> {
    return this.cartService_.retrieveWithTotals(cartId, { relations: ["items", "items.adjustments", "region", "discounts", "gift_cards"] })
  }

  // ── Completion (the ledger's cart-completion strategy) ─────────────────

  /**
   * The rewards' part in completing a cart: rewards the cart no longer
   * carries as applied, or that the points or the cap no longer cover, are
   * taken off (committed) and completion is refused with `409 reward_changed`;
   * otherwise the points account is locked and the order's points debited.
   */
  async planCompletion(cartId: string): Promise<CompletionPlan | null> {
    const rows = await this.rows_(this.activeManager_, cartId)
    if (!rows.length) {
      return null
    }
    // The strategy's instance is shared by concurrent completions: every step runs on a bound copy.
    const reconcile = () => inNewTransaction(this, (s) => s.reconcile_(cartId))
    const dropped = await reconcile()
    return {
      refusal: dropped ? rewardChanged() : null,
      lock: (tx) => this.withTransaction(tx).lockForCompletion_(cartId),
      settle: async (orderId, tx) => {
        await this.withTransaction(tx).settleOrder(orderId)
      },
      afterRefusal: async () => {
        await reconcile()
      },
    }
  }

  /**
   * Debits the points of the rewards on the order's cart, once per reward
   * (keyed `loyalty:cart-reward:<id>`): from the completion under its lock, and
   * from `order.placed` as a safety net that then finds nothing left to do.
   */
  async settleOrder(orderId: string): Promise<number> {
    return this.atomicPhase_(async (manager) => {
      await manager.query(`SET LOCAL lock_timeout = '10s'`)
      const [order] = await manager.query(`SELECT cart_id, display_id FROM "order" WHERE id = $1`, [orderId])
      if (!order?.cart_id) {
        return 0
      }
      const rows = await this.rows_(manager, order.cart_id, true)
      const accounts = this.valueAccountService_.withTransaction(manager)
      let debited = 0
      for (const row of rows) {
        const points = row.points
        // Under the completion's lock the points are there; the safety net takes what is left and says so.
        const take = Math.min(points, await accounts.balance(row.account_id))
        if (take < points) {
          this.logger_.warn(`loyalty: order ${orderId} redeemed "${row.title}" for ${points} points but only ${take} were left`)
        }
        let transactionId: string | null = null
        if (take > 0) {
          const { transaction } = await accounts.debit(row.account_id, take, "redeem", {
            reference: `web order #${order.display_id}: ${row.title}`,
            idempotency_key: `loyalty:cart-reward:${row.id}`,
            metadata: { source: "web", order_id: orderId, reward_id: row.reward_id, cart_reward_id: row.id, shortfall: points - take },
          })
          transactionId = transaction.id
        }
        await manager.query(
          `UPDATE loyalty_cart_reward SET status = 'redeemed', order_id = $2, transaction_id = $3, updated_at = now() WHERE id = $1`,
          [row.id, orderId, transactionId]
        )
        debited += take
      }
      return debited
    })
  }

  /** Debits a placed order's reward points in a transaction of its own (the repair of a failed settlement, decision 0067). */
  async settlePlacedOrder(orderId: string): Promise<void> {
    await inNewTransaction(this, (s) => s.settleOrder(orderId))
  }

  /** Orders placed in [from, to), not cancelled, whose cart still carries rewards not yet paid with points, oldest first. */
  async unsettledOrders(window: { from: Date; to: Date; limit: number }): Promise<string[]> {
    const rows: { id: string }[] = await this.activeManager_.query(
      `SELECT o.id
         FROM loyalty_cart_reward r
         JOIN "order" o ON o.cart_id = r.cart_id
        WHERE r.status = 'applied' AND o.status <> 'canceled' AND o.created_at >= $1 AND o.created_at < $2
        GROUP BY o.id
        ORDER BY min(o.created_at), o.id
        LIMIT $3`,
      [window.from, window.to, window.limit]
    )
    return rows.map((r) => r.id)
  }

  /**
   * Gives back the points an order's rewards took, once (the debit is
   * reversed): for a cancelled order and an order refunded in full.
   */
  async returnForOrder(orderId: string, reason: string): Promise<number> {
    return this.atomicPhase_(async (manager) => {
      const rows: Row[] = await manager.query(
        `SELECT * FROM loyalty_cart_reward WHERE order_id = $1 AND status = 'redeemed' ORDER BY created_at, id FOR UPDATE`,
        [orderId]
      )
      const accounts = this.valueAccountService_.withTransaction(manager)
      let returned = 0
      for (const row of rows) {
        if (row.transaction_id) {
          const { already_reversed, transaction } = await accounts.reverse(row.transaction_id, { reference: reason })
          returned += already_reversed ? 0 : transaction.amount
        }
        await manager.query(`UPDATE loyalty_cart_reward SET status = 'returned', updated_at = now() WHERE id = $1`, [row.id])
      }
      return returned
    })
  }

  /** Inside the completion's transaction: the rewards and the points account locked, the points checked. */
  protected async lockForCompletion_(cartId: string): Promise<void> {
    const manager = this.activeManager_
    const needed = new Map<string, number>()
    for (const row of await this.rows_(manager, cartId, true)) {
      needed.set(row.account_id, (needed.get(row.account_id) ?? 0) + row.points)
    }
    const accounts = await this.valueAccountService_.withTransaction(manager).lockAccounts([...needed.keys()])
    for (const account of accounts) {
      if (account.status !== "active" || account.balance < needed.get(account.id)!) {
        throw rewardChanged()
      }
    }
  }

  /**
   * Takes off (committed) every applied reward the cart no longer carries as
   * it was applied (line gone, price or currency changed), then, newest first, those the points or the cap no longer
   * cover. Returns whether anything was taken off. A completed cart is left
   * alone (its order settles through `settleOrder`).
   */
  protected async reconcile_(cartId: string): Promise<boolean> {
    return this.atomicPhase_(async (manager) => {
      const [cart] = await manager.query(
        `SELECT c.completed_at, r.currency_code FROM cart c JOIN region r ON r.id = c.region_id WHERE c.id = $1 FOR UPDATE OF c`,
        [cartId]
      )
      if (!cart || cart.completed_at) {
        return false
      }
      const rows = await this.rows_(manager, cartId)
      const carried: { cart_reward_id: string; amount: string; item_ok: boolean; variant_ok: boolean }[] = await manager.query(
        `SELECT a.metadata->>'${ADJUSTMENT_KEY}' AS cart_reward_id, a.amount::text,
                (SELECT COALESCE(SUM(x.amount), 0) FROM line_item_adjustment x WHERE x.item_id = li.id) <= li.unit_price * li.quantity AS item_ok,
                (r.kind <> 'product_variant' OR (li.variant_id = r.variant_id AND li.unit_price = r.adjusted)) AS variant_ok
           FROM line_item_adjustment a
           JOIN line_item li ON li.id = a.item_id AND li.cart_id = $1
           JOIN loyalty_cart_reward r ON r.id = a.metadata->>'${ADJUSTMENT_KEY}'
          WHERE r.cart_id = $1 AND r.status = 'applied'`,
        [cartId]
      )
      const stale = rows.filter((row) => {
        const parts = carried.filter((c) => c.cart_reward_id === row.id)
        const amount = parts.reduce((sum, p) => sum + Number(p.amount), 0)
        // A region of another currency leaves the adjustments counted in the old one.
        return row.currency_code !== cart.currency_code || amount !== row.adjusted || parts.some((p) => !p.item_ok || !p.variant_ok)
      })
      const kept = rows.filter((r) => !stale.includes(r))
      const settings = await this.loyaltyService_.withTransaction(manager).settings()
      const balances = new Map<string, number>()
      let applied = kept.reduce((sum, r) => sum + r.points, 0)
      // Newest first off until the points and the cap cover the rest.
      for (const row of [...kept].reverse()) {
        const balance = balances.get(row.account_id) ?? (await this.valueAccountService_.withTransaction(manager).balance(row.account_id))
        balances.set(row.account_id, balance)
        const capped = settings.redemption_cap_points !== null && applied > settings.redemption_cap_points
        if (!capped && applied <= balance) {
          break
        }
        stale.push(row)
        applied -= row.points
      }
      if (!stale.length) {
        return false
      }
      await this.drop_(manager, stale)
      await this.paymentSessionsFollow_(manager, await this.cart_(manager, cartId))
      return true
    })
  }

  /** The rewards applied to the cart, oldest first (locked with `forUpdate`). */
  protected async rows_(manager: EntityManager, cartId: string, forUpdate = false): Promise<Row[]> {
    const rows: Row[] = await manager.query(
      `SELECT * FROM loyalty_cart_reward WHERE cart_id = $1 AND status = 'applied' ORDER BY created_at, id ${forUpdate ? "FOR UPDATE" : ""}`,
      [cartId]
    )
    return rows.map((r) => ({ ...r, points: Number(r.points), amount: Number(r.amount), adjusted: Number(r.adjusted) }))
  }

  protected async drop_(manager: EntityManager, rows: Row[]): Promise<void> {
    const ids = rows.map((r) => r.id)
    await manager.query(`DELETE FROM line_item_adjustment WHERE metadata->>'${ADJUSTMENT_KEY}' = ANY($1)`, [ids])
    await manager.query(`UPDATE loyalty_cart_reward SET status = 'removed', updated_at = now() WHERE id = ANY($1)`, [ids])
  }

  protected async summary_(manager: EntityManager, cartId: string, customerId: string): Promise<CartRewards> {
    const rows = await this.rows_(manager, cartId)
    const member = await this.loyaltyService_.withTransaction(manager).memberOf(customerId)
    return {
      rewards: rows.map(view),
      points: member ? await this.valueAccountService_.withTransaction(manager).balance(member.account_id) : 0,
      points_applied: rows.reduce((sum, r) => sum + r.points, 0),
    }
  }

  /** The cart with its lines' totals (what is left to pay on each). */
  protected async cart_(manager: EntityManager, cartId: string): Promise<Cart> {
    return this.cartService_
      .withTransaction(manager)
      .retrieveWithTotals(cartId, { relations: ["items", "items.adjustments", "items.variant", "region", "payment_sessions"] })
  }

  /** The payment sessions are set up again for the new total, as Medusa does when a discount changes. */
  protected async paymentSessionsFollow_(manager: EntityManager, cart: Cart): Promise<void> {
    if (cart.payment_sessions?.length) {
      await this.cartService_.withTransaction(manager).setPaymentSessions(cart.id)
    }
  }
}

/**
 * The adjustments a reward makes. A product reward takes one unit's price off
 * that product's line. A fixed discount is what comes off the amount the
 * customer pays, as at the till: it is spread over the goods (not gift cards,
 * not lines that refuse discounts) in proportion to what is left to pay on
 * each, largest remainders first, and each part is turned into the line's
 * price basis (net of tax where prices exclude tax), never more than is left.
 * `items` carry Medusa's totals (retrieveWithTotals).
 */
export function allocate(reward: LoyaltyReward, items: LineItem[]): { parts: { item_id: string; amount: number }[]; value: number } {
  // What is left to take off a line, in its price basis (Medusa's adjustments are in that basis).
  const basisRoom = (i: LineItem) => (i.subtotal ?? 0) - (i.discount_total ?? 0)
  if (reward.kind === "product_variant") {
    const line = items.find((i) => i.variant_id === reward.variant_id && i.unit_price > 0 && basisRoom(i) >= i.unit_price)
    if (!line) {
      throw new DomainError("reward_exceeds_cart", `"${reward.title}" is already taken off this cart's product`, 422)
    }
    const grossUnit = line.includes_tax ? line.unit_price : Math.round((line.unit_price * line.total!) / basisRoom(line))
    return { parts: [{ item_id: line.id, amount: line.unit_price }], value: grossUnit }
  }
  const eligible = items.filter((i) => !i.is_giftcard && !i.is_return && i.allow_discounts && basisRoom(i) > 0 && (i.total ?? 0) > 0)
  const payable = eligible.reduce((sum, i) => sum + (i.total ?? 0), 0)
  const amount = reward.discount_amount!
  if (amount > payable) {
    throw new DomainError("reward_exceeds_cart", `"${reward.title}" is worth more than the goods in this cart`, 422)
  }
  const parts = eligible.map((i) => {
    const exact = BigInt(amount) * BigInt(i.total!)
    return { item: i, gross: Number(exact / BigInt(payable)), remainder: exact % BigInt(payable) }
  })
  let left = amount - parts.reduce((sum, p) => sum + p.gross, 0)
  for (const part of [...parts].sort((a, b) => (b.remainder > a.remainder ? 1 : b.remainder < a.remainder ? -1 : 0))) {
    if (left === 0) {
      break
    }
    part.gross++
    left--
  }
  const inBasis = parts
    .map(({ item, gross }) => {
      const adjustment = item.includes_tax ? gross : Math.round((gross * basisRoom(item)) / item.total!)
      return { item_id: item.id, amount: Math.min(adjustment, basisRoom(item)) }
    })
    .filter((p) => p.amount > 0)
  return { parts: inBasis, value: amount }
}

/** The signed-in customer's own cart (404 for anyone else's), locked and still open when `forChange`. */
async function ownCart(manager: EntityManager, cartId: string, customerId: string, forChange = false): Promise<void> {
  const [cart] = await manager.query(
    `SELECT customer_id, completed_at FROM cart WHERE id = $1 AND deleted_at IS NULL ${forChange ? "FOR UPDATE" : ""}`,
    [cartId]
  )
  if (!cart || cart.customer_id !== customerId) {
    throw new DomainError("not_found", `Cart ${cartId} was not found`, 404)
  }
  if (forChange && cart.completed_at) {
    throw new DomainError("cart_completed", "This cart has already been completed", 409)
  }
}

function rewardChanged(): DomainError {
  return new DomainError(
    "reward_changed",
    "A loyalty reward on this cart no longer fits (the cart, the points or the rules changed); it has been taken off and the total updated, please check it and complete again",
    409
  )
}

function view(r: Row): CartReward {
  return {
    id: r.id,
    reward_id: r.reward_id,
    title: r.title,
    kind: r.kind,
    points: r.points,
    amount: r.amount,
    currency_code: r.currency_code,
    variant_id: r.variant_id ?? null,
  }
}
