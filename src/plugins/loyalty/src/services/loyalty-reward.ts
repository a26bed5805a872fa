import { EventBusService, generateEntityId, TransactionBaseService } from "@medusajs/medusa"
import { EntityManager } from "typeorm"

import { DomainError } from "@customer-modules/core"
import type { CardService, ValueAccountService } from "@customer-modules/ledger"

import type { LoyaltyContext, LoyaltyReward, PointsMovement } from "../types"
import type LoyaltyService from "./loyalty"
import { MAX_LIST, rewardView, usableCard } from "../utils/views"

type InjectedDependencies = {
  manager: EntityManager
  loyaltyService: LoyaltyService
  valueAccountService: ValueAccountService
  cardService: CardService
  eventBusService: EventBusService
}

/**
 * The loyalty rewards: the catalogue of what points buy (a product variant or
 * a discount in one currency), and their redemption at a till.
 *
 * Guarantees, whatever the concurrency:
 * - a reward is never deleted, only withdrawn (`active` false), because the
 *   points history refers to it; a withdrawn reward is never redeemed;
 * - a redemption never overdraws the points account (the ledger's
 *   conditional debit decides) and, with a receipt, never takes more than the
 *   per-sale cap over all rewards of that receipt (checked under the
 *   account's row lock);
 * - every redemption is one ledger `redeem` transaction and one
 *   `loyalty.points_redeemed` event, in the caller's transaction.
 *
 * Resolved as `loyaltyRewardService`; web-shop rewards on a cart are
 * `loyaltyCheckoutService`'s.
 */
export default class LoyaltyRewardService extends TransactionBaseService {
  static Events = {
    REDEEMED: "loyalty.points_redeemed",
  }

  protected readonly loyaltyService_: LoyaltyService
  protected readonly valueAccountService_: ValueAccountService
  protected readonly cardService_: CardService
  protected readonly eventBusService_: EventBusService

  constructor(container: InjectedDependencies) {
    super(container)
    this.loyaltyService_ = container.loyaltyService
    this.valueAccountService_ = container.valueAccountService
    this.cardService_ = container.cardService
    this.eventBusService_ = container.eventBusService
  }

  async listRewards(filter: { active?: boolean } = {}): Promise<LoyaltyReward[]> {
    const rows = await this.activeManager_.query(
      `SELECT * FROM loyalty_reward WHERE ($1::boolean IS NULL OR active = $1) ORDER BY points, title, id LIMIT ${MAX_LIST}`,
      [filter.active ?? null]
    )
    return rows.map(rewardView)
  }

  async retrieveReward(id: string): Promise<LoyaltyReward> {
    const [row] = await this.activeManager_.query(`SELECT * FROM loyalty_reward WHERE id = $1`, [id])
    if (!row) {
      throw new DomainError("not_found", `Reward ${id} was not found`, 404)
    }
    return rewardView(row)
  }

  async createReward(
    data: { title: string; points: number; active?: boolean } & (
      | { kind: "product_variant"; variant_id: string }
      | { kind: "discount"; discount_amount: number; currency_code: string }
    )
  ): Promise<LoyaltyReward> {
    return this.atomicPhase_(async (manager) => {
      const [row] = await manager.query(
        `INSERT INTO loyalty_reward (id, title, points, kind, variant_id, discount_amount, currency_code, active)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
        [
          generateEntityId(undefined, "lrew"),
          data.title,
          data.points,
          data.kind,
          data.kind === "product_variant" ? data.variant_id : null,
          data.kind === "discount" ? data.discount_amount : null,
          data.kind === "discount" ? data.currency_code : null,
          data.active ?? true,
        ]
      )
      return rewardView(row)
    })
  }

  /** Changes title, points or whether the reward is offered; rewards are never deleted (history refers to them). */
  async updateReward(id: string, data: { title?: string; points?: number; active?: boolean }): Promise<LoyaltyReward> {
    return this.atomicPhase_(async (manager) => {
      const [[row]] = await manager.query(
        `UPDATE loyalty_reward SET title = COALESCE($2, title), points = COALESCE($3, points), active = COALESCE($4, active), updated_at = now()
          WHERE id = $1 RETURNING *`,
        [id, data.title ?? null, data.points ?? null, data.active ?? null]
      )
      if (!row) {
        throw new DomainError("not_found", `Reward ${id} was not found`, 404)
      }
      return rewardView(row)
    })
  }

  /**
   * Redeems a reward for the card's customer: 409 `insufficient_points` when
   * the balance is lower (the ledger's conditional update decides, so
   * concurrent redemptions never overdraw), 422 `redemption_cap_exceeded`
   * above the per-sale cap, 422 `reward_inactive` for a withdrawn reward.
   * With the sale's `reference` (the receipt), the cap counts every reward
   * this terminal redeemed on the card's account under that receipt.
   */
  async redeem(
    code: string,
    rewardId: string,
    ctx: LoyaltyContext = {},
    sale: { reference?: string } = {}
  ): Promise<PointsMovement & { reward: LoyaltyReward }> {
    return this.atomicPhase_(async (manager) => {
      const card = usableCard(await this.cardService_.withTransaction(manager).retrieveByCode(code))
      const reward = await this.withTransaction(manager).retrieveReward(rewardId)
      if (!reward.active) {
        throw new DomainError("reward_inactive", `The reward "${reward.title}" is no longer offered`, 422)
      }
      const settings = await this.loyaltyService_.withTransaction(manager).settings()
      if (settings.redemption_cap_points !== null && reward.points > settings.redemption_cap_points) {
        throw new DomainError(
          "redemption_cap_exceeded",
          `At most ${settings.redemption_cap_points} points can be redeemed in one sale; "${reward.title}" needs ${reward.points}`,
          422
        )
      }
      const member = await this.loyaltyService_.withTransaction(manager).ensureMember(card.customer_id!)
      const saleKey = sale.reference ? `${ctx.terminal_id ?? "admin"}:${sale.reference}` : null
      if (saleKey && settings.redemption_cap_points !== null) {
        // Under the account's row lock: two redemptions for one receipt cannot both pass the cap.
        const ledger = this.valueAccountService_.withTransaction(manager)
        await ledger.lockAccounts([member.account_id!])
        const redeemed = await ledger.unreversedDebitTotal(member.account_id!, "redeem", { key: "sale", value: saleKey })
        if (redeemed + reward.points > settings.redemption_cap_points) {
          throw new DomainError(
            "redemption_cap_exceeded",
            `At most ${settings.redemption_cap_points} points can be redeemed in one sale; ${redeemed} are already redeemed on receipt ${sale.reference}`,
            422
          )
        }
      }
      const { account, transaction } = await this.valueAccountService_.withTransaction(manager).debit(member.account_id!, reward.points, "redeem", {
        ...ctx,
        reference: sale.reference ? `${reward.title} (receipt ${sale.reference})` : reward.title,
        metadata: {
          reward_id: reward.id,
          kind: reward.kind,
          variant_id: reward.variant_id,
          discount_amount: reward.discount_amount,
          currency_code: reward.currency_code,
          sale: saleKey,
        },
      })
      await this.eventBusService_
        .withTransaction(manager)
        .emit(LoyaltyRewardService.Events.REDEEMED, { customer_id: card.customer_id, reward_id: reward.id, transaction_id: transaction.id })
      return { points: account.balance, transaction, reward }
    })
  }
}
