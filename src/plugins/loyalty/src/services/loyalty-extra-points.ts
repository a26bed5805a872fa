import { CustomerService, EventBusService, TransactionBaseService } from "@medusajs/medusa"
import { EntityManager } from "typeorm"

import { DomainError } from "@customer-modules/core"
import type { ValueAccountService } from "@customer-modules/ledger"

import type { PointsMovement } from "../types"
import type LoyaltyService from "./loyalty"

type InjectedDependencies = {
  manager: EntityManager
  loyaltyService: LoyaltyService
  valueAccountService: ValueAccountService
  customerService: CustomerService
  eventBusService: EventBusService
}

/** Largest customer group a bulk grant takes in one go. */
export const MAX_GROUP_GRANT = 5000

/**
 * Extra points: what the merchant grants or deducts by hand (one customer,
 * with a reason) or grants to a whole Medusa customer group (a campaign).
 *
 * Guarantees, whatever the concurrency:
 * - a deduction never takes a balance below zero (409 `insufficient_points`,
 *   the ledger's conditional debit);
 * - an adjustment with a key happens once (`loyalty:admin:<key>`), and a
 *   group campaign grants once per customer
 *   (`loyalty:group:<group>:<campaign>:<customer>`), so running it again
 *   grants only to customers who joined the group since;
 * - a group grant is all or nothing, at most MAX_GROUP_GRANT customers.
 *
 * Resolved as `loyaltyExtraPointsService`; callers own the transaction.
 */
export default class LoyaltyExtraPointsService extends TransactionBaseService {
  static Events = {
    ADJUSTED: "loyalty.points_adjusted",
  }

  protected readonly loyaltyService_: LoyaltyService
  protected readonly valueAccountService_: ValueAccountService
  protected readonly customerService_: CustomerService
  protected readonly eventBusService_: EventBusService

  constructor(container: InjectedDependencies) {
    super(container)
    this.loyaltyService_ = container.loyaltyService
    this.valueAccountService_ = container.valueAccountService
    this.customerService_ = container.customerService
    this.eventBusService_ = container.eventBusService
  }


  /**
   * Grants (positive) or deducts (negative) points with a reason (campaign,
   * complaint, correction). A deduction below zero is 409 `insufficient_points`.
   * With `key`, a repeated call changes nothing.
   */
  async adjust(customerId: string, points: number, data: { reason: string; user_id?: string | null; key?: string | null }): Promise<PointsMovement> {
    return this.atomicPhase_(async (manager) => {
      await this.customerService_.withTransaction(manager).retrieve(customerId, { select: ["id"] })
      const member = await this.loyaltyService_.withTransaction(manager).ensureMember(customerId)
      const accounts = this.valueAccountService_.withTransaction(manager)
      const ctx = {
        reference: data.reason,
        idempotency_key: data.key ? `loyalty:admin:${data.key}` : null,
        metadata: { source: "admin", user_id: data.user_id ?? null },
      }
      const { account, transaction } =
        points > 0 ? await accounts.credit(member.account_id!, points, "grant", ctx) : await accounts.debit(member.account_id!, -points, "adjust", ctx)
      await this.eventBusService_.withTransaction(manager).emit(LoyaltyExtraPointsService.Events.ADJUSTED, { customer_id: customerId, points, transaction_id: transaction.id })
      return { points: account.balance, transaction }
    })
  }

  /**
   * Grants `points` to every customer of a Medusa customer group, once per
   * customer and campaign: running the same campaign again grants only to
   * customers who joined the group since.
   */
  async grantToGroup(groupId: string, points: number, data: { reason: string; campaign: string }): Promise<{ customers: number; granted: number }> {
    return this.atomicPhase_(async (manager) => {
      const [group] = await manager.query(`SELECT id FROM customer_group WHERE id = $1 AND deleted_at IS NULL`, [groupId])
      if (!group) {
        throw new DomainError("not_found", `Customer group ${groupId} was not found`, 404)
      }
      const rows: { customer_id: string }[] = await manager.query(
        `SELECT customer_id FROM customer_group_customers WHERE customer_group_id = $1 ORDER BY customer_id LIMIT ${MAX_GROUP_GRANT + 1}`,
        [groupId]
      )
      if (rows.length > MAX_GROUP_GRANT) {
        throw new DomainError("group_too_large", `At most ${MAX_GROUP_GRANT} customers per grant`, 422)
      }
      let granted = 0
      for (const { customer_id } of rows) {
        const member = await this.loyaltyService_.withTransaction(manager).ensureMember(customer_id)
        const movement = await this.valueAccountService_.withTransaction(manager).credit(member.account_id!, points, "grant", {
          reference: data.reason,
          idempotency_key: `loyalty:group:${groupId}:${data.campaign}:${customer_id}`,
          metadata: { source: "campaign", group_id: groupId, campaign: data.campaign },
        })
        if (!movement.replayed) {
          granted++
        }
      }
      return { customers: rows.length, granted }
    })
  }
}
