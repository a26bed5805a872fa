import { randomBytes } from "crypto"

import { CartService, GiftCardService as MedusaGiftCardService, TransactionBaseService } from "@medusajs/medusa"
import type { Cart } from "@medusajs/medusa"
import { EntityManager } from "typeorm"

import { DomainError, inNewTransaction } from "@customer-modules/core"
import type { CardService, CheckoutParticipant, CompletionPlan, ValueAccountService } from "@customer-modules/ledger"

type InjectedDependencies = {
  manager: EntityManager
  cartService: CartService
  giftCardService: MedusaGiftCardService
  valueAccountService: ValueAccountService
  cardService: CardService
}

/** A Medusa gift card that stands in for one of our vouchers in a web cart. */
type Shadow = { id: string; code: string; balance: number; account_id: string; card_id: string }

const SHADOW_FILTER = `metadata ? 'ledger_account_id'`

/**
 * Paying a Medusa cart with gift vouchers.
 *
 * The ledger keeps the balance; Medusa's own gift cards only carry it into the
 * cart's totals. Applying a voucher creates (once per voucher) a Medusa gift
 * card — a *shadow* with a random code of its own, so Medusa's public gift-card
 * route reveals nothing about voucher numbers — whose balance is set from the
 * ledger. Medusa then spends several gift cards as the issue asks: soonest
 * expiring first, then the smallest, and only as much as the cart needs.
 *
 * At completion (the ledger's cart-completion strategy, `planCompletion`) the shadows are set to the
 * ledger's balances again, the vouchers' ledger rows are locked, Medusa
 * completes the cart, and what the order took from each shadow is debited from
 * the ledger in the same locked transaction, keyed by order and gift card: the
 * balance is taken exactly once when the order is placed, and not at all when
 * completion fails. A till cannot spend the money in between (it waits on the
 * row lock), and the ledger's bound makes an overdraft impossible anyway.
 */
export default class VoucherCheckoutService extends TransactionBaseService implements CheckoutParticipant {
  protected readonly cartService_: CartService
  protected readonly giftCardService_: MedusaGiftCardService
  protected readonly valueAccountService_: ValueAccountService
  protected readonly cardService_: CardService

  constructor(container: InjectedDependencies) {
    super(container)
    this.cartService_ = container.cartService
    this.giftCardService_ = container.giftCardService
    this.valueAccountService_ = container.valueAccountService
    this.cardService_ = container.cardService
  }

  /** Adds the voucher with this code (any spelling) to the cart; its balance counts towards the cart's total. */
  async apply(cartId: string, code: string): Promise<Cart> {
    await this.atomicPhase_(async (manager) => {
      await assertCart(manager, cartId)
      const cart = await this.cartService_.withTransaction(manager).retrieve(cartId, { relations: ["gift_cards", "region"] })
      if (cart.completed_at) {
        throw new DomainError("cart_completed", "This cart has already been completed", 409)
      }
      const card = await this.cardService_.withTransaction(manager).retrieveByPublicCode(code)
      if (card.kind !== "gift_card" || !card.account_id) {
        throw new DomainError("not_found", "No voucher has this code", 404)
      }
      if (card.status !== "active") {
        throw new DomainError(card.status === "blocked" ? "card_blocked" : "card_inactive", `Voucher ${card.code} cannot be used`, 409)
      }
      const account = await this.valueAccountService_.withTransaction(manager).retrieve(card.account_id)
      if (account.currency_code !== cart.region.currency_code) {
        throw new DomainError("currency_mismatch", `Voucher ${card.code} is kept in ${account.currency_code.toUpperCase()}`, 422)
      }
      if (account.expires_at && account.expires_at.getTime() <= Date.now()) {
        throw new DomainError("expired", `Voucher ${card.code} has expired`, 422)
      }
      if (account.status !== "active" || account.balance <= 0) {
        throw new DomainError("insufficient_balance", `Voucher ${card.code} holds nothing`, 409)
      }
      const shadow = await this.shadowFor_(manager, card.id, account.id, cart.region_id, account.balance, account.expires_at)
      if (cart.gift_cards.some((g) => g.id === shadow.id)) {
        return
      }
      await this.cartService_.withTransaction(manager).update(cartId, {
        gift_cards: [...cart.gift_cards.map((g) => ({ code: g.code })), { code: shadow.code }],
      })
    })
    return this.cartService_.retrieveWithTotals(cartId, { relations: ["gift_cards"] })
  }

  /** Takes the voucher off the cart again. */
  async remove(cartId: string, code: string): Promise<Cart> {
    await this.atomicPhase_(async (manager) => {
      await assertCart(manager, cartId)
      const cart = await this.cartService_.withTransaction(manager).retrieve(cartId, { relations: ["gift_cards"] })
      if (cart.completed_at) {
        throw new DomainError("cart_completed", "This cart has already been completed", 409)
      }
      const card = await this.cardService_.withTransaction(manager).retrieveByPublicCode(code)
      const remaining = cart.gift_cards.filter((g) => g.metadata?.card_id !== card.id)
      if (remaining.length === cart.gift_cards.length) {
        throw new DomainError("not_found", "This voucher is not on the cart", 404)
      }
      await this.cartService_.withTransaction(manager).update(cartId, { gift_cards: remaining.map((g) => ({ code: g.code })) })
    })
    return this.cartService_.retrieveWithTotals(cartId, { relations: ["gift_cards"] })
  }

  /**
   * The vouchers' part in completing a cart: shadows refreshed from the ledger
   * (refused with `409 voucher_changed` when one moved since the customer saw
   * the total), the vouchers' rows locked, and what the order took debited.
   */
  async planCompletion(cartId: string): Promise<CompletionPlan | null> {
    const shadows = await this.refreshShadows(cartId)
    if (!shadows.length) {
      return null
    }
    return {
      refusal: shadows.some((s) => s.changed) ? voucherChanged() : null,
      lock: (tx) => this.withTransaction(tx).lockForCompletion(shadows),
      settle: async (orderId, tx) => {
        await this.withTransaction(tx).debitOrder(orderId)
      },
      afterRefusal: async () => {
        await this.refreshShadows(cartId)
      },
    }
  }

  /** Debits a placed order's voucher payments in a transaction of its own (the repair of a failed settlement, decision 0067). */
  async settlePlacedOrder(orderId: string): Promise<void> {
    await inNewTransaction(this, (s) => s.debitOrder(orderId))
  }

  /**
   * Orders placed in [from, to), not cancelled, that took money from a
   * voucher's shadow without the matching ledger debit (keyed as
   * `debitOrder` keys it), oldest first.
   */
  async unsettledOrders(window: { from: Date; to: Date; limit: number }): Promise<string[]> {
    // The orders' voucher payments in the window, then the ledger says which debits exist (keyed as `debitOrder` keys them).
    const rows: { order_id: string; gift_card_id: string }[] = await this.activeManager_.query(
      `SELECT t.order_id, t.gift_card_id
         FROM gift_card_transaction t
         JOIN gift_card g ON g.id = t.gift_card_id
         JOIN "order" o ON o.id = t.order_id
        WHERE g.${SHADOW_FILTER} AND t.amount > 0 AND o.status <> 'canceled'
          AND o.created_at >= $1 AND o.created_at < $2
        ORDER BY o.created_at, t.order_id`,
      [window.from, window.to]
    )
    const debited = await this.valueAccountService_.usedIdempotencyKeys(rows.map((r) => orderKey(r.order_id, r.gift_card_id)))
    const orders: string[] = []
    for (const r of rows) {
      if (!debited.has(orderKey(r.order_id, r.gift_card_id)) && !orders.includes(r.order_id)) {
        orders.push(r.order_id)
      }
    }
    return orders.slice(0, window.limit)
  }

  /**
   * Sets every shadow on the cart to its voucher's ledger balance (0 when the
   * voucher can no longer pay), committed, so that Medusa's totals use what
   * the ledger holds, and returns the shadows as they are now. `changed` marks
   * one whose balance moved: the total the customer saw is no longer the total.
   * A cart without vouchers has none.
   */
  async refreshShadows(cartId: string): Promise<(Shadow & { changed: boolean })[]> {
    // The cart's shadows (a cart without vouchers costs one round trip), their accounts from the ledger, then one update.
    const shadows: { id: string; code: string; before: string; account_id: string; card_id: string }[] = await this.activeManager_.query(
      `SELECT g.id, g.code, g.balance::text AS before, g.metadata->>'ledger_account_id' AS account_id, g.metadata->>'card_id' AS card_id
         FROM gift_card g JOIN cart_gift_cards c ON g.id = c.gift_card_id
        WHERE c.cart_id = $1 AND g.${SHADOW_FILTER}`,
      [cartId]
    )
    if (!shadows.length) {
      return []
    }
    const accounts = new Map((await this.valueAccountService_.retrieveMany(shadows.map((s) => s.account_id))).map((a) => [a.id, a]))
    const fresh = shadows
      .filter((s) => accounts.has(s.account_id))
      .map((s) => {
        const a = accounts.get(s.account_id)!
        const after = a.status === "active" && (!a.expires_at || a.expires_at.getTime() > Date.now()) ? a.balance : 0
        return { ...s, after, expires_at: a.expires_at }
      })
    if (!fresh.length) {
      return []
    }
    const updated: { id: string }[] = await this.activeManager_.query(
      // A SELECT around the UPDATE: TypeORM answers a bare UPDATE with [rows, count].
      `WITH updated AS (
         UPDATE gift_card g SET balance = f.after, ends_at = f.expires_at, updated_at = now()
           FROM unnest($1::varchar[], $2::int[], $3::timestamptz[]) AS f(id, after, expires_at)
          WHERE g.id = f.id
         RETURNING g.id
       )
       SELECT id FROM updated`,
      [fresh.map((f) => f.id), fresh.map((f) => f.after), fresh.map((f) => f.expires_at)]
    )
    const done = new Set(updated.map((u) => u.id))
    return fresh
      .filter((f) => done.has(f.id))
      .sort((x, y) => (x.account_id < y.account_id ? -1 : x.account_id > y.account_id ? 1 : 0))
      .map((f) => ({ id: f.id, code: f.code, balance: f.after, account_id: f.account_id, card_id: f.card_id, changed: Number(f.before) !== f.after }))
  }

  /**
   * Locks the vouchers' ledger rows for the rest of the transaction and checks
   * that each still holds what its shadow says (a till may have spent some
   * since the refresh). Run inside the completion's locking transaction.
   */
  async lockForCompletion(shadows: Shadow[]): Promise<void> {
    const ids = shadows.map((s) => s.account_id)
    const rows = await this.valueAccountService_.withTransaction(this.activeManager_).lockAccounts(ids).catch((e: { type?: string }) => {
      throw e?.type === "not_found" ? voucherChanged() : e
    })
    const byId = new Map(rows.map((r) => [r.id, r]))
    for (const shadow of shadows) {
      const account = byId.get(shadow.account_id)
      const usable = account && account.status === "active" && (!account.expires_at || account.expires_at.getTime() > Date.now())
      if (!account || (shadow.balance > 0 && (!usable || account.balance < shadow.balance))) {
        throw voucherChanged()
      }
    }
  }

  /**
   * Debits from the ledger what the order took from each shadow, once: keyed
   * by order and gift card, so the completion and the `order.placed` safety
   * net together still debit once.
   */
  async debitOrder(orderId: string): Promise<number> {
    return this.atomicPhase_(async (manager) => {
      // From the order.placed subscriber this may wait on the completion still holding the
      // vouchers' locks: bounded, so it never holds a pooled connection for long.
      await manager.query(`SET LOCAL lock_timeout = '10s'`)
      const rows: { gift_card_id: string; amount: string; account_id: string; display_id: number }[] = await manager.query(
        `SELECT t.gift_card_id, t.amount::text, g.metadata->>'ledger_account_id' AS account_id, o.display_id
           FROM gift_card_transaction t
           JOIN gift_card g ON g.id = t.gift_card_id
           JOIN "order" o ON o.id = t.order_id
          WHERE t.order_id = $1 AND g.${SHADOW_FILTER} AND t.amount > 0`,
        [orderId]
      )
      const accounts = this.valueAccountService_.withTransaction(manager)
      for (const row of rows) {
        await accounts.debit(row.account_id, Number(row.amount), "redeem", {
          reference: `web order #${row.display_id}`,
          idempotency_key: orderKey(orderId, row.gift_card_id),
          metadata: { order_id: orderId },
        })
      }
      return rows.length
    })
  }

  /**
   * Puts back on the vouchers what a cancelled order took from them and has
   * not had back, once: each debit is reversed; after a partial refund the
   * rest is credited instead (a repeated event finds nothing left).
   */
  async restoreOrder(orderId: string): Promise<number> {
    return this.atomicPhase_(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`voucher-refund:${orderId}`])
      const payments = await this.lockedVoucherPayments_(manager, orderId)
      const accounts = this.valueAccountService_.withTransaction(manager)
      let restored = 0
      for (const payment of payments) {
        if (payment.left <= 0 || (Number(payment.returned) !== 0 && payment.status !== "active")) {
          continue
        }
        if (Number(payment.returned) === 0) {
          for (const debitId of payment.debit_ids) {
            const { already_reversed } = await accounts.reverse(debitId, { reference: "order cancelled" })
            restored += already_reversed ? 0 : 1
          }
        } else {
          await accounts.credit(payment.account_id, payment.left, "adjust", {
            reference: "order cancelled",
            metadata: { refund_of_order: orderId },
          })
          restored++
        }
      }
      // The shadows follow the ledger the next time they are used; Medusa's own balance is left as it is.
      return restored
    })
  }

  /**
   * Gives part (or all) of what an order took from vouchers back to them, for
   * a partial refund: at most what the order took and has not had back
   * (reversals and earlier refunds count), onto the vouchers that paid,
   * the one valid longest first. Expired or closed vouchers are skipped; if the
   * rest cannot be placed, nothing is changed (422).
   */
  async refundToVouchers(orderId: string, amount: number, reference: string | null): Promise<{ refunded: number; transactions: string[] }> {
    return this.atomicPhase_(async (manager) => {
      // Two refunds of one order at once must not both see the same refundable amount.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`voucher-refund:${orderId}`])
      // And no reversal of the vouchers' movements between what we read and what we credit: the ledger's lock.
      const open = await this.lockedVoucherPayments_(manager, orderId)
      const refundable = open.reduce((sum, a) => sum + Math.max(a.left, 0), 0)
      if (amount > refundable) {
        throw new DomainError("refund_exceeds_voucher_payment", `At most ${refundable} of this order was paid by voucher and not yet refunded`, 422)
      }
      const ledger = this.valueAccountService_.withTransaction(manager)
      const transactions: string[] = []
      let rest = amount
      for (const account of open) {
        const usable = account.status === "active" && (!account.expires_at || account.expires_at.getTime() > Date.now())
        if (rest === 0 || account.left <= 0 || !usable) {
          continue
        }
        const part = Math.min(rest, account.left)
        const { transaction } = await ledger.credit(account.account_id, part, "adjust", {
          reference: reference ?? "order refunded",
          metadata: { refund_of_order: orderId },
        })
        transactions.push(transaction.id)
        rest -= part
      }
      if (rest > 0) {
        throw new DomainError("vouchers_unusable", "The vouchers that paid this order have expired or been closed; refund the rest another way", 422)
      }
      return { refunded: amount, transactions }
    })
  }

  /** `voucherPayments_`, read again after taking the ledger's row locks of the vouchers that paid. */
  protected async lockedVoucherPayments_(manager: EntityManager, orderId: string): ReturnType<VoucherCheckoutService["voucherPayments_"]> {
    const first = await this.voucherPayments_(manager, orderId)
    if (!first.length) {
      return first
    }
    await this.valueAccountService_.withTransaction(manager).lock(first.map((p) => p.account_id))
    return this.voucherPayments_(manager, orderId)
  }

  /**
   * Goods that came back on a return (or a swap's difference) that Medusa
   * could not refund through the order's payments, because vouchers paid that
   * part: Medusa books no refund then (the order "requires action"), so the
   * amount goes back onto the vouchers that paid, at most what they paid and
   * have not had back, the one valid longest first; expired or closed
   * vouchers are skipped and what cannot be placed is left to the merchant.
   * Once per return or swap (`key`): each credit is keyed
   * `gift-card:<key>:<account>`, and the order's refund lock makes a second
   * delivery, also a concurrent one, find the first and change nothing.
   * Returns what was put back now.
   */
  async refundReturnToVouchers(orderId: string, key: string, amount: number): Promise<{ refunded: number; transactions: string[] }> {
    return this.atomicPhase_(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`voucher-refund:${orderId}`])
      const prefix = `gift-card:${key}:`
      const done = await this.valueAccountService_.withTransaction(manager).hasIdempotencyKeyPrefix(prefix)
      if (done || amount <= 0) {
        return { refunded: 0, transactions: [] }
      }
      const ledger = this.valueAccountService_.withTransaction(manager)
      const transactions: string[] = []
      let rest = amount
      for (const account of await this.voucherPayments_(manager, orderId)) {
        const usable = account.status === "active" && (!account.expires_at || account.expires_at.getTime() > Date.now())
        if (rest === 0 || account.left <= 0 || !usable) {
          continue
        }
        const part = Math.min(rest, account.left)
        const { transaction } = await ledger.credit(account.account_id, part, "adjust", {
          reference: key.startsWith("swap:") ? "swap refunded" : "goods returned",
          idempotency_key: `${prefix}${account.account_id}`,
          metadata: { refund_of_order: orderId, refund_key: key },
        })
        transactions.push(transaction.id)
        rest -= part
      }
      return { refunded: amount - rest, transactions }
    })
  }

  /**
   * Per voucher that paid the order: what it took, what it has had back
   * (reversals and refunds), what is left to give back, and its debits.
   */
  protected async voucherPayments_(
    manager: EntityManager,
    orderId: string
  ): Promise<{ account_id: string; status: string; expires_at: Date | null; returned: string; left: number; debit_ids: string[] }[]> {
    const rows = await this.valueAccountService_
      .withTransaction(manager)
      .debitsByKeyPrefix(orderKey(orderId, ""), "redeem", { key: "refund_of_order", value: orderId })
    return rows.map((r) => ({ account_id: r.account_id, status: r.status, expires_at: r.expires_at, debit_ids: r.debit_ids, returned: String(r.returned), left: r.taken - r.returned }))
  }

  /** The shadow of a voucher: created on first use, its balance set from the ledger. */
  protected async shadowFor_(
    manager: EntityManager,
    cardId: string,
    accountId: string,
    regionId: string,
    balance: number,
    expiresAt: Date | null
  ): Promise<{ id: string; code: string }> {
    // One shadow per voucher and region, also when two carts apply it at once.
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`voucher-shadow:${cardId}`])
    const [existing] = await manager.query(
      `SELECT id, code FROM gift_card WHERE metadata->>'card_id' = $1 AND region_id = $2 AND deleted_at IS NULL`,
      [cardId, regionId]
    )
    if (existing) {
      await manager.query(`UPDATE gift_card SET balance = $2, ends_at = $3, is_disabled = false, updated_at = now() WHERE id = $1`, [
        existing.id,
        balance,
        expiresAt,
      ])
      return existing
    }
    const created = await this.giftCardService_.withTransaction(manager).create({
      code: `VOUCHER-${randomBytes(10).toString("hex").toUpperCase()}`,
      value: balance,
      balance,
      region_id: regionId,
      ends_at: expiresAt ?? undefined,
      metadata: { ledger_account_id: accountId, card_id: cardId },
    } as Parameters<MedusaGiftCardService["create"]>[0] & { code: string })
    return { id: created.id, code: created.code }
  }
}

/** 404 for an unknown cart (Medusa's retrieve with relations fails with invalid SQL instead). */
async function assertCart(manager: EntityManager, cartId: string): Promise<void> {
  const [row] = await manager.query(`SELECT 1 FROM cart WHERE id = $1 AND deleted_at IS NULL`, [cartId])
  if (!row) {
    throw new DomainError("not_found", `Cart ${cartId} was not found`, 404)
  }
}

function voucherChanged(): DomainError {
  return new DomainError(
    "voucher_changed",
    "A voucher on this cart was used or changed meanwhile; the cart's total has been updated, please check it and complete again",
    409
  )
}

function orderKey(orderId: string, giftCardId: string): string {
  return `web:${orderId}:${giftCardId}`
}
