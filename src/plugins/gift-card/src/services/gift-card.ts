import { CurrencyService, CustomerService, TransactionBaseService } from "@medusajs/medusa"
import { EntityManager } from "typeorm"

import { DomainError, ModuleHealth } from "@customer-modules/core"
import type {
  CardDTO,
  CardService,
  LedgerTransactionDTO,
  TransactionContext,
  ValueAccountDTO,
  ValueAccountService,
} from "@customer-modules/ledger"

type InjectedDependencies = {
  manager: EntityManager
  valueAccountService: ValueAccountService
  cardService: CardService
  currencyService: CurrencyService
  customerService: CustomerService
}

/** A voucher as the POS contract shows it. */
export type GiftCardView = {
  id: string
  code: string
  balance: number
  currency_code: string
  customer_id: string | null
  status: CardDTO["status"]
}

export type GiftCardMovement = { gift_card: GiftCardView; transaction: LedgerTransactionDTO }

/**
 * Gift vouchers: a card of kind `gift_card` with its own value account in the
 * ledger. Selling credits the account (`issue`), redeeming debits it, reloading
 * credits it again; the ledger guarantees the balance never goes below zero.
 */
export default class GiftCardService extends TransactionBaseService {
  static Events = {
    SOLD: "gift_card.sold",
    REDEEMED: "gift_card.redeemed",
    RELOADED: "gift_card.reloaded",
  }

  protected readonly valueAccountService_: ValueAccountService
  protected readonly cardService_: CardService
  protected readonly currencyService_: CurrencyService
  protected readonly customerService_: CustomerService

  constructor(container: InjectedDependencies) {
    super(container)
    this.valueAccountService_ = container.valueAccountService
    this.cardService_ = container.cardService
    this.currencyService_ = container.currencyService
    this.customerService_ = container.customerService
  }

  /**
   * Sells a voucher worth `amount` (minor units): generated code, or the
   * merchant's own printed number when `code` is given (it must be unused).
   */
  async issue(
    data: { amount: number; currency_code: string; code?: string; customer_id?: string | null },
    ctx: TransactionContext = {}
  ): Promise<GiftCardMovement> {
    return this.atomicPhase_(async (manager) => {
      await this.assertCurrency_(data.currency_code)
      if (data.customer_id) {
        await this.assertCustomer_(data.customer_id)
      }
      const accounts = this.valueAccountService_.withTransaction(manager)
      const account = await accounts.create({
        kind: "gift_card",
        currency_code: data.currency_code,
        customer_id: data.customer_id ?? null,
        lower_bound: 0,
      })
      const card = await this.cardService_.withTransaction(manager).create({
        kind: "gift_card",
        code: data.code,
        customer_id: data.customer_id ?? null,
        account_id: account.id,
        status: "active",
      })
      const { account: credited, transaction } = await accounts.credit(account.id, data.amount, "issue", ctx)
      return { gift_card: view(card, credited), transaction }
    })
  }

  /** Takes `amount` off the voucher; 409 insufficient_balance when it holds less. */
  async redeem(code: string, amount: number, ctx: TransactionContext = {}): Promise<GiftCardMovement> {
    return this.atomicPhase_(async (manager) => {
      const card = await this.usableCard_(code, manager)
      const { account, transaction } = await this.valueAccountService_
        .withTransaction(manager)
        .debit(card.account_id!, amount, "redeem", ctx)
      return { gift_card: view(card, account), transaction }
    })
  }

  /** Puts `amount` back on an empty or partly used voucher. */
  async reload(code: string, amount: number, ctx: TransactionContext = {}): Promise<GiftCardMovement> {
    return this.atomicPhase_(async (manager) => {
      const card = await this.usableCard_(code, manager)
      const { account, transaction } = await this.valueAccountService_
        .withTransaction(manager)
        .credit(card.account_id!, amount, "load", ctx)
      return { gift_card: view(card, account), transaction }
    })
  }

  async health(): Promise<ModuleHealth> {
    return { status: "ok" }
  }

  protected async usableCard_(code: string, manager: EntityManager): Promise<CardDTO> {
    const card = await this.cardService_.withTransaction(manager).retrieveByCode(code)
    if (card.kind !== "gift_card" || !card.account_id) {
      throw new DomainError("wrong_card_kind", `${card.code} is not a gift voucher`, 422)
    }
    if (card.status === "inactive") {
      throw new DomainError("card_inactive", `Voucher ${card.code} has not been sold or activated yet`, 409)
    }
    if (card.status === "blocked") {
      throw new DomainError("card_blocked", `Voucher ${card.code} is blocked`, 409)
    }
    return card
  }

  protected async assertCurrency_(code: string): Promise<void> {
    try {
      await this.currencyService_.withTransaction(this.activeManager_).retrieveByCode(code)
    } catch {
      throw new DomainError("invalid_currency", `Unknown currency "${code}"`, 400)
    }
  }

  protected async assertCustomer_(id: string): Promise<void> {
    try {
      await this.customerService_.withTransaction(this.activeManager_).retrieve(id, { select: ["id"] })
    } catch {
      throw new DomainError("unknown_customer", `No customer with id ${id}`, 422)
    }
  }
}

function view(card: CardDTO, account: ValueAccountDTO): GiftCardView {
  return {
    id: card.id,
    code: card.code,
    balance: account.balance,
    currency_code: account.currency_code,
    customer_id: card.customer_id,
    status: card.status,
  }
}
