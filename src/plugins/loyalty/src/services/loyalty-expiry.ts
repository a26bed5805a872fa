import { TransactionBaseService } from "@medusajs/medusa"
import { EntityManager } from "typeorm"

import type { MailService } from "@customer-modules/jobs"
import type { LedgerTransactionDTO, ValueAccountService } from "@customer-modules/ledger"

import type LoyaltyService from "./loyalty"
import { monthsBefore, unspentBefore } from "../utils/expiry"

type InjectedDependencies = {
  manager: EntityManager
  valueAccountService: ValueAccountService
  mailService: MailService
  loyaltyService: LoyaltyService
}

/** Pages of an account's history read to work out what expires (200 each). */
const MAX_HISTORY_PAGES = 100
const HISTORY_PAGE = 200
/** Members handled per page of a schedule run. */
const MEMBER_PAGE = 200

/**
 * Points expiry (optional policy `expiry_months`): points expire that many
 * months after they were earned, oldest first, as one `expire` transaction per
 * account and day (keyed `loyalty:expire:<account>:<day>`), announced
 * `expiry_notice_days` before by a `points_expiry` mail (once per customer and
 * month, never to placeholder e-mails).
 */
export default class LoyaltyExpiryService extends TransactionBaseService {
  protected readonly valueAccountService_: ValueAccountService
  protected readonly mailService_: MailService
  protected readonly loyaltyService_: LoyaltyService

  constructor(container: InjectedDependencies) {
    super(container)
    this.valueAccountService_ = container.valueAccountService
    this.mailService_ = container.mailService
    this.loyaltyService_ = container.loyaltyService
  }

  /** Expires and announces for one customer; returns the points expired now and announced. */
  async runForCustomer(customerId: string, now: Date = new Date()): Promise<{ expired: number; announced: number }> {
    const settings = await this.loyaltyService_.withTransaction(this.activeManager_).settings()
    if (settings.expiry_months === null) {
      return { expired: 0, announced: 0 }
    }
    const member = await this.loyaltyService_.withTransaction(this.activeManager_).memberOf(customerId)
    if (!member) {
      return { expired: 0, announced: 0 }
    }
    const cutoff = monthsBefore(now, settings.expiry_months)
    const day = now.toISOString().slice(0, 10)
    const expired = await this.atomicPhase_(async (manager) => {
      const accounts = this.valueAccountService_.withTransaction(manager)
      const due = unspentBefore(await this.history_(member.account_id, manager), cutoff)
      const amount = Math.min(due, await accounts.balance(member.account_id))
      if (amount <= 0) {
        return 0
      }
      const movement = await accounts.debit(member.account_id, amount, "expire", {
        reference: `points earned before ${cutoff.toISOString().slice(0, 10)}`,
        idempotency_key: `loyalty:expire:${member.account_id}:${day}`,
        metadata: { source: "expiry", cutoff: cutoff.toISOString() },
      })
      return movement.replayed ? 0 : amount
    })

    let announced = 0
    if (settings.expiry_notice_days > 0 && member.email) {
      const noticeAt = new Date(now.getTime() + settings.expiry_notice_days * 86_400_000)
      const soon = unspentBefore(await this.history_(member.account_id, this.activeManager_), monthsBefore(noticeAt, settings.expiry_months))
      if (soon > 0) {
        await this.mailService_.enqueue({
          key: `loyalty:expiry-notice:${customerId}:${day.slice(0, 7)}`,
          kind: "points_expiry",
          to: member.email,
          data: { customer_name: member.name, points: soon, expires_at: noticeAt.toISOString().slice(0, 10) },
        })
        announced = soon
      }
    }
    return { expired, announced }
  }

  /** The schedule: every member, page by page. */
  async runAll(now: Date = new Date()): Promise<{ customers: number; expired: number; announced: number }> {
    const settings = await this.loyaltyService_.settings()
    const total = { customers: 0, expired: 0, announced: 0 }
    if (settings.expiry_months === null) {
      return total
    }
    let after: string | undefined
    for (;;) {
      const ids = await this.loyaltyService_.memberIds({ limit: MEMBER_PAGE, after })
      for (const id of ids) {
        const result = await this.runForCustomer(id, now)
        total.customers++
        total.expired += result.expired
        total.announced += result.announced
      }
      if (ids.length < MEMBER_PAGE) {
        return total
      }
      after = ids[ids.length - 1]
    }
  }

  protected async history_(accountId: string, manager: EntityManager): Promise<LedgerTransactionDTO[]> {
    const accounts = this.valueAccountService_.withTransaction(manager)
    const all: LedgerTransactionDTO[] = []
    for (let page = 0; page < MAX_HISTORY_PAGES; page++) {
      const [txs] = await accounts.history(accountId, { limit: HISTORY_PAGE, offset: page * HISTORY_PAGE })
      all.push(...txs)
      if (txs.length < HISTORY_PAGE) {
        break
      }
    }
    return all
  }
}
