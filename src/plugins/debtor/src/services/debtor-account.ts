import { TransactionBaseService } from "@medusajs/medusa"
import type { CustomerService, EventBusService } from "@medusajs/medusa"
import type { EntityManager } from "typeorm"

import { assertCurrency, DomainError } from "@customer-modules/core"
import type { DocumentService, MailDTO, MailService } from "@customer-modules/jobs"
import type { CardDTO, CardService, LedgerTransactionDTO, Page, TransactionContext, ValueAccountDTO, ValueAccountService } from "@customer-modules/ledger"

import type { StatementDocumentData } from "../documents/statement"
import { localDate } from "../utils/dates"

type InjectedDependencies = {
  manager: EntityManager
  valueAccountService: ValueAccountService
  cardService: CardService
  customerService: CustomerService
  eventBusService: EventBusService
  documentService: DocumentService
  mailService: MailService
}

/** A customer account as the till and the admin see it. */
export type CustomerAccountView = {
  id: string
  customer_id: string
  currency_code: string
  /** Negative: the customer owes it; positive: a credit. */
  balance: number
  credit_limit: number
  /** What may still be charged: balance + credit limit. */
  available: number
  status: ValueAccountDTO["status"]
  /** The customer card that reaches the account at the till. */
  card_code: string | null
  created_at: Date
}

export type AccountMovement = { account: CustomerAccountView; transaction: LedgerTransactionDTO }

/** Movements read into one statement. */
const STATEMENT_MAX = 1000

/**
 * Customer accounts ("sell today, collect later"): a ledger account of kind
 * `customer_account` per customer and currency, lower bound −credit limit.
 * The ledger refuses a charge beyond the limit in one conditional UPDATE
 * (409 `credit_limit_exceeded`), which is what holds the limit under
 * concurrency. The till reaches the account through the customer's card.
 */
export default class DebtorAccountService extends TransactionBaseService {
  static readonly Events = {
    OPENED: "customer_account.opened",
    CHARGED: "customer_account.charged",
    SETTLED: "customer_account.settled",
  }

  protected readonly valueAccountService_: ValueAccountService
  protected readonly cardService_: CardService
  protected readonly customerService_: CustomerService
  protected readonly eventBusService_: EventBusService
  protected readonly documentService_: DocumentService
  protected readonly mailService_: MailService

  constructor(container: InjectedDependencies) {
    super(container)
    this.valueAccountService_ = container.valueAccountService
    this.cardService_ = container.cardService
    this.customerService_ = container.customerService
    this.eventBusService_ = container.eventBusService
    this.documentService_ = container.documentService
    this.mailService_ = container.mailService
  }

  /**
   * Opens a customer account (one per customer and currency; 409
   * `account_exists` otherwise) and gives the customer a customer card if they
   * have none, so the till can reach it by `:code`.
   */
  async open(input: { customer_id: string; currency_code: string; credit_limit: number }): Promise<CustomerAccountView> {
    return this.atomicPhase_(async (manager) => {
      await this.customer_(input.customer_id, manager)
      await assertCurrency(manager, input.currency_code)
      // Serialises two concurrent openings for the same customer.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`debtor-account:${input.customer_id}`])
      const accounts = this.valueAccountService_.withTransaction(manager)
      const [existing] = await accounts.listAndCount({ customer_id: input.customer_id, kind: "customer_account" })
      if (existing.some((a) => a.currency_code === input.currency_code && a.status !== "closed")) {
        throw new DomainError("account_exists", `The customer already has a customer account in ${input.currency_code.toUpperCase()}`, 409)
      }
      const account = await accounts.create({
        kind: "customer_account",
        currency_code: input.currency_code,
        customer_id: input.customer_id,
        lower_bound: -input.credit_limit,
      })
      const card = (await this.cardOf_(input.customer_id, manager)) ??
        (await this.cardService_.withTransaction(manager).create({ kind: "customer_card", customer_id: input.customer_id }))
      await this.eventBusService_.withTransaction(manager).emit(DebtorAccountService.Events.OPENED, { id: account.id, customer_id: input.customer_id })
      return view(account, card.code)
    })
  }

  async retrieve(id: string): Promise<CustomerAccountView> {
    const account = await this.valueAccountService_.withTransaction(this.activeManager_).retrieve(id)
    if (account.kind !== "customer_account" || !account.customer_id) {
      throw new DomainError("not_found", `Customer account ${id} was not found`, 404)
    }
    return view(account, (await this.cardOf_(account.customer_id, this.activeManager_))?.code ?? null)
  }

  async list(filter: { customer_id?: string }, page: Page): Promise<[CustomerAccountView[], number]> {
    const [accounts, count] = await this.valueAccountService_
      .withTransaction(this.activeManager_)
      .listAndCount({ kind: "customer_account", ...(filter.customer_id ? { customer_id: filter.customer_id } : {}) }, page)
    const views: CustomerAccountView[] = []
    for (const a of accounts) {
      views.push(view(a, a.customer_id ? ((await this.cardOf_(a.customer_id, this.activeManager_))?.code ?? null) : null))
    }
    return [views, count]
  }

  /** Changes the credit limit; 422 `limit_below_balance` when the customer already owes more. */
  async setCreditLimit(id: string, creditLimit: number): Promise<CustomerAccountView> {
    return this.atomicPhase_(async (manager) => {
      await this.withTransaction(manager).retrieve(id)
      await this.valueAccountService_.withTransaction(manager).setLowerBound(id, -creditLimit)
      return this.withTransaction(manager).retrieve(id)
    })
  }

  /** Charges a sale to the account found by a scanned customer card; 409 `credit_limit_exceeded` beyond the limit. */
  async charge(code: string, amount: number, ctx: TransactionContext): Promise<AccountMovement> {
    return this.atomicPhase_(async (manager) => {
      const { card, account } = await this.byCode_(code, manager)
      const movement = await this.valueAccountService_.withTransaction(manager).debit(account.id, amount, "charge", ctx)
      await this.eventBusService_
        .withTransaction(manager)
        .emit(DebtorAccountService.Events.CHARGED, { id: account.id, transaction_id: movement.transaction.id, amount })
      return { account: view(movement.account, card.code), transaction: movement.transaction }
    })
  }

  /** Settles (pays into) the account with any tender, recorded on the transaction. */
  async settle(code: string, amount: number, tender: string, ctx: TransactionContext): Promise<AccountMovement> {
    return this.atomicPhase_(async (manager) => {
      const { card, account } = await this.byCode_(code, manager)
      const movement = await this.valueAccountService_
        .withTransaction(manager)
        .credit(account.id, amount, "settle", { ...ctx, metadata: { ...(ctx.metadata ?? {}), tender } })
      await this.eventBusService_
        .withTransaction(manager)
        .emit(DebtorAccountService.Events.SETTLED, { id: account.id, transaction_id: movement.transaction.id, amount, tender })
      return { account: view(movement.account, card.code), transaction: movement.transaction }
    })
  }

  /** The account's movements, newest first. */
  async movements(id: string, page: Page): Promise<{ account: CustomerAccountView; transactions: LedgerTransactionDTO[]; count: number }> {
    const account = await this.retrieve(id)
    const [transactions, count] = await this.valueAccountService_.withTransaction(this.activeManager_).history(id, page)
    return { account, transactions, count }
  }

  /**
   * The statement of movements as the `statement` PDF prints it: one item per
   * movement (a charge is owed: positive; a settlement negative), so the items
   * add up to the amount owed, −balance.
   */
  async movementsStatement(id: string, now: Date = new Date()): Promise<{ account: CustomerAccountView; document: StatementDocumentData; email: string; name: string }> {
    const account = await this.retrieve(id)
    const customer = await this.customer_(account.customer_id, this.activeManager_)
    const [transactions] = await this.valueAccountService_.withTransaction(this.activeManager_).history(id, { limit: STATEMENT_MAX })
    const name = [customer.first_name, customer.last_name].filter(Boolean).join(" ") || customer.email
    const document: StatementDocumentData = {
      as_of: localDate(now, "UTC"),
      currency_code: account.currency_code,
      customer: { name, address_lines: [], customer_number: account.customer_id },
      items: transactions
        .filter((t) => t.amount !== 0)
        .reverse()
        .map((t) => ({
          date: new Date(t.created_at).toISOString().slice(0, 10),
          reference: (t.reference ?? t.type).slice(0, 80),
          description: t.type === "settle" && typeof t.metadata?.tender === "string" ? `settle (${t.metadata.tender})` : t.type,
          amount_minor: -t.amount,
        })),
    }
    return { account, document, email: customer.email, name }
  }

  async statementPdf(id: string): Promise<Buffer> {
    const { document } = await this.movementsStatement(id)
    return this.documentService_.render("statement", document)
  }

  /** Mails the account statement (balance in the text, movements in the attached PDF). */
  async sendStatement(id: string, to?: string): Promise<MailDTO> {
    const now = new Date()
    const { account, document, email, name } = await this.movementsStatement(id, now)
    const key = `debtor:account-statement:${id}:${now.getTime()}`
    return this.mailService_.enqueue({
      key,
      kind: "account_statement",
      to: to ?? email,
      data: { customer_name: name, as_of: document.as_of, balance_minor: account.balance, currency_code: account.currency_code },
      attachments: [{ document: { kind: "statement", key, data: document, filename: `account-${document.as_of}.pdf` } }],
    })
  }

  /** The customer account a scanned code reaches: a customer card's account (one currency), or 404/422. */
  protected async byCode_(code: string, manager: EntityManager): Promise<{ card: CardDTO; account: ValueAccountDTO }> {
    const cards = this.cardService_.withTransaction(manager)
    const card = await cards.retrieveByCode(code)
    if (card.kind !== "customer_card" || !card.customer_id) {
      throw new DomainError("wrong_card_kind", `${card.code} is not a customer card`, 422)
    }
    if (card.status !== "active") {
      throw new DomainError("card_blocked", `Card ${card.code} is ${card.status}`, 409)
    }
    const accounts = (await cards.accountsOf(card)).filter((a) => a.kind === "customer_account")
    if (accounts.length === 0) {
      throw new DomainError("no_customer_account", `The customer of card ${card.code} has no customer account`, 404)
    }
    if (accounts.length > 1) {
      throw new DomainError("ambiguous_account", `The customer of card ${card.code} has accounts in several currencies`, 422)
    }
    return { card, account: accounts[0] }
  }

  protected async cardOf_(customerId: string, manager: EntityManager): Promise<CardDTO | null> {
    const [cards] = await this.cardService_.withTransaction(manager).listAndCount({ kind: "customer_card", customer_id: customerId, status: "active" }, { limit: 1 })
    return cards[0] ?? null
  }

  protected async customer_(id: string, manager: EntityManager): Promise<{ id: string; first_name: string | null; last_name: string | null; email: string }> {
    try {
      return await this.customerService_.withTransaction(manager).retrieve(id, { select: ["id", "first_name", "last_name", "email"] })
    } catch {
      throw new DomainError("unknown_customer", `No customer with id ${id}`, 422)
    }
  }
}

function view(account: ValueAccountDTO, cardCode: string | null): CustomerAccountView {
  return {
    id: account.id,
    customer_id: account.customer_id!,
    currency_code: account.currency_code,
    balance: account.balance,
    credit_limit: -account.lower_bound,
    available: account.balance - account.lower_bound,
    status: account.status,
    card_code: cardCode,
    created_at: account.created_at,
  }
}
