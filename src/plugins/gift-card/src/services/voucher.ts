import { EventBusService, TransactionBaseService } from "@medusajs/medusa"
import { EntityManager } from "typeorm"

import { assertCurrency, assertCustomer, DomainError, localDay, ModuleHealth } from "@customer-modules/core"
import type {
  CardDTO,
  CardSummary,
  CardService,
  CardStatus,
  LedgerTransactionDTO,
  Page,
  TransactionContext,
  ValueAccountDTO,
  ValueAccountService,
} from "@customer-modules/ledger"
import { valueCardView } from "@customer-modules/ledger"
import type { PosLocationService } from "@customer-modules/pos"

import type { VoucherDocumentData } from "../documents/voucher"
import type { GiftCardView } from "../types"
import { liabilityOf, LiabilityReport } from "../utils/liability"

type InjectedDependencies = {
  manager: EntityManager
  valueAccountService: ValueAccountService
  cardService: CardService
  eventBusService: EventBusService
  posLocationService: PosLocationService
}

/** A voucher as the POS contract shows it (plus its validity). */
export type { GiftCardView }

export type GiftCardMovement = { gift_card: GiftCardView; transaction: LedgerTransactionDTO }

export type Validity = "none" | "months" | "years_after_year_end"

export type GiftCardSettings = {
  /** `years_after_year_end` with 3: valid until the end of the third year after the year of sale. */
  validity: Validity
  validity_count: number
  /** Where no location is known (admin sales), the time zone that decides the day and year of sale. */
  time_zone: string
  updated_at: Date
}

export type SellInput = {
  amount: number
  currency_code: string
  code?: string
  customer_id?: string | null
}

const MAX_BATCH = 1000

/**
 * Gift vouchers: a card of kind `gift_card` with its own value account in the
 * ledger. Selling credits the account (`issue`), redeeming debits it, reloading
 * credits it again; the ledger guarantees the balance never goes below zero,
 * and refuses to take anything off a voucher whose validity has ended.
 *
 * Pre-printed vouchers are created `inactive` with an empty account; selling
 * one with its code activates it. Selling is a liability, redeeming is revenue:
 * see `liability()`.
 */
export default class VoucherService extends TransactionBaseService {
  static Events = {
    SOLD: "gift_card.sold",
    REDEEMED: "gift_card.redeemed",
    RELOADED: "gift_card.reloaded",
    BLOCKED: "gift_card.blocked",
    UNBLOCKED: "gift_card.unblocked",
    EXPIRED: "gift_card.expired",
    REFUNDED: "gift_card.refunded",
    LINKED: "gift_card.customer_linked",
  }

  protected readonly valueAccountService_: ValueAccountService
  protected readonly cardService_: CardService
  protected readonly eventBusService_: EventBusService
  protected readonly posLocationService_: PosLocationService

  constructor(container: InjectedDependencies) {
    super(container)
    this.valueAccountService_ = container.valueAccountService
    this.cardService_ = container.cardService
    this.eventBusService_ = container.eventBusService
    this.posLocationService_ = container.posLocationService
  }

  /**
   * Sells a voucher worth `amount` (minor units): generated code, or the
   * merchant's own printed number when `code` is given. An own number that
   * belongs to a pre-printed, not yet sold voucher activates that voucher; one
   * that is in use otherwise is refused (409 `code_taken`).
   */
  async issue(data: SellInput, ctx: TransactionContext = {}): Promise<GiftCardMovement> {
    return this.atomicPhase_(async (manager) => {
      await assertCurrency(manager, data.currency_code)
      if (data.customer_id) {
        await assertCustomer(manager, data.customer_id)
      }
      const accounts = this.valueAccountService_.withTransaction(manager)
      const cards = this.cardService_.withTransaction(manager)
      const expiresAt = await this.expiryFor_(manager, ctx.location_id ?? null)

      let card = data.code ? await this.cardService_.withTransaction(manager).findByCode(data.code) : null
      if (card) {
        card = await this.activate_(card, data, manager)
        await accounts.recordActivity(card.account_id!, "activate", ctx)
        await accounts.setExpiry(card.account_id!, expiresAt)
      } else {
        const account = await accounts.create({
          kind: "gift_card",
          currency_code: data.currency_code,
          customer_id: data.customer_id ?? null,
          lower_bound: 0,
          expires_at: expiresAt,
        })
        card = await cards.create({
          kind: "gift_card",
          code: data.code,
          customer_id: data.customer_id ?? null,
          account_id: account.id,
          status: "active",
        })
      }
      const { account, transaction } = await accounts.credit(card.account_id!, data.amount, "issue", ctx)
      return this.emit_(VoucherService.Events.SOLD, { gift_card: view(card, account), transaction }, manager)
    })
  }

  /** Takes `amount` off the voucher; 409 insufficient_balance when it holds less, 422 expired after its validity. */
  async redeem(code: string, amount: number, ctx: TransactionContext = {}): Promise<GiftCardMovement> {
    return this.atomicPhase_(async (manager) => {
      const accounts = this.valueAccountService_.withTransaction(manager)
      // The card and the debit in one statement; when it debited nothing, the usual checks and debit say why.
      const found = await accounts.debitByCode(code, "gift_card", amount, "redeem", ctx)
      const card = found.movement ? found.card! : usableVoucher(found.card ?? (await this.cardService_.withTransaction(manager).retrieveByCode(code)))
      const { account, transaction } = found.movement ?? (await accounts.debit(card.account_id!, amount, "redeem", ctx))
      return this.emit_(VoucherService.Events.REDEEMED, { gift_card: view(card, account), transaction }, manager)
    })
  }

  /** Puts `amount` back on an empty or partly used voucher that is still valid. */
  async reload(code: string, amount: number, ctx: TransactionContext = {}): Promise<GiftCardMovement> {
    return this.atomicPhase_(async (manager) => {
      const card = await this.usableCard_(code, manager)
      const accounts = this.valueAccountService_.withTransaction(manager)
      const current = await accounts.retrieve(card.account_id!)
      if (current.expires_at && current.expires_at.getTime() <= Date.now()) {
        throw new DomainError("expired", `Voucher ${card.code} expired on ${current.expires_at.toISOString()} and cannot be reloaded`, 422)
      }
      const { account, transaction } = await accounts.credit(card.account_id!, amount, "load", ctx)
      return this.emit_(VoucherService.Events.RELOADED, { gift_card: view(card, account), transaction }, manager)
    })
  }

  /**
   * The customer gives the voucher back (its sale is refunded): what is left
   * is paid out (a `clear` transaction, so the liability falls by exactly that)
   * and the voucher is blocked for good. Refunding it again pays out nothing.
   */
  async refundSale(code: string, ctx: TransactionContext = {}): Promise<GiftCardMovement & { refunded: number }> {
    return this.atomicPhase_(async (manager) => {
      const card = await this.cardService_.withTransaction(manager).retrieveByCode(code)
      if (card.kind !== "gift_card" || !card.account_id) {
        throw new DomainError("wrong_card_kind", `${card.code} is not a gift voucher`, 422)
      }
      if (card.status === "inactive") {
        throw new DomainError("card_inactive", `Voucher ${card.code} was never sold`, 409)
      }
      const accounts = this.valueAccountService_.withTransaction(manager)
      const [locked] = await accounts.lockAccounts([card.account_id])
      if (locked.status === "blocked" && card.status === "blocked") {
        throw new DomainError("card_blocked", `Voucher ${card.code} is blocked; unblock it in the admin before refunding it`, 409)
      }
      const left = locked.balance
      if (left <= 0) {
        throw new DomainError("nothing_to_refund", `Voucher ${card.code} holds nothing`, 422)
      }
      const { transaction } = await accounts.debit(card.account_id, left, "clear", { ...ctx, reference: ctx.reference ?? "voucher sale refunded" })
      const blocked = await this.cardService_.withTransaction(manager).setStatus(card.id, "blocked")
      const account = await accounts.setStatus(card.account_id, "blocked", { ...ctx, reference: "voucher sale refunded" })
      const movement = await this.emit_(VoucherService.Events.REFUNDED, { gift_card: view(blocked, account), transaction }, manager)
      return { ...movement, refunded: left }
    })
  }

  /** Blocks a voucher (card and account): nothing can be taken off or put on until it is unblocked. */
  async block(cardId: string, ctx: TransactionContext = {}): Promise<GiftCardView> {
    return this.setBlocked_(cardId, true, ctx)
  }

  async unblock(cardId: string, ctx: TransactionContext = {}): Promise<GiftCardView> {
    return this.setBlocked_(cardId, false, ctx)
  }

  /**
   * Links an anonymous voucher to a customer. A voucher linked to someone
   * else is refused (409) unless `replace` is set (the admin correcting it).
   */
  async linkCustomer(cardId: string, customerId: string | null, opts: { replace?: boolean } = {}): Promise<GiftCardView> {
    return this.atomicPhase_(async (manager) => {
      const card = await this.retrieveCard_(cardId, manager)
      if (customerId) {
        await assertCustomer(manager, customerId)
      }
      if (card.customer_id && card.customer_id !== customerId && !opts.replace) {
        throw new DomainError("already_linked", `Voucher ${card.code} already belongs to another customer`, 409)
      }
      const linked = await this.cardService_.withTransaction(manager).setCustomer(card.id, customerId)
      const account = await this.valueAccountService_.withTransaction(manager).setCustomer(card.account_id!, customerId)
      const result = view(linked, account)
      await this.eventBusService_.withTransaction(manager).emit(VoucherService.Events.LINKED, { id: card.id, customer_id: customerId })
      return result
    })
  }

  /**
   * Creates `count` pre-printed vouchers, inactive and empty until sold:
   * numbered from a merchant range, from the given numbers, or generated.
   */
  async createInactive(input: { currency_code: string; count?: number; range_id?: string; codes?: string[] }): Promise<GiftCardView[]> {
    const count = input.codes?.length ?? input.count ?? 0
    if (count < 1 || count > MAX_BATCH) {
      throw new DomainError("invalid_request", `Between 1 and ${MAX_BATCH} vouchers at a time`, 400)
    }
    return this.atomicPhase_(async (manager) => {
      const created = await this.cardService_
        .withTransaction(manager)
        .createInactiveBatch({ kind: "gift_card", currency_code: input.currency_code, count, codes: input.codes, range_id: input.range_id })
      return created.map(({ card, account }) => view(card, account))
    })
  }

  /** One voucher by id, with its account. */
  async retrieve(cardId: string): Promise<GiftCardView> {
    const card = await this.retrieveCard_(cardId, this.activeManager_)
    return view(card, await this.valueAccountService_.withTransaction(this.activeManager_).retrieve(card.account_id!))
  }

  /** One voucher by any of its codes. */
  async retrieveByCode(code: string): Promise<GiftCardView> {
    const card = await this.cardService_.withTransaction(this.activeManager_).retrieveByCode(code)
    if (card.kind !== "gift_card" || !card.account_id) {
      throw new DomainError("wrong_card_kind", `${card.code} is not a gift voucher`, 422)
    }
    return view(card, await this.valueAccountService_.withTransaction(this.activeManager_).retrieve(card.account_id))
  }

  /** Vouchers, newest first, found by code or customer (name, e-mail). */
  async list(
    filter: { q?: string; status?: CardStatus; customer_id?: string },
    page: Page
  ): Promise<[GiftCardView[], number]> {
    const [cards, count] = await this.cardService_
      .withTransaction(this.activeManager_)
      .listAndCount({ ...filter, kind: "gift_card" }, page)
    const ids = cards.map((c) => c.account_id!).filter(Boolean)
    const [accounts] = ids.length
      ? await this.valueAccountService_.withTransaction(this.activeManager_).listAndCount({ ids }, { limit: ids.length })
      : [[] as ValueAccountDTO[]]
    const byId = new Map(accounts.map((a) => [a.id, a]))
    return [cards.map((c) => view(c, byId.get(c.account_id!)!)), count]
  }

  /** The voucher's history, newest first. */
  async history(cardId: string, page: Page): Promise<[LedgerTransactionDTO[], number]> {
    const card = await this.retrieveCard_(cardId, this.activeManager_)
    return this.valueAccountService_.withTransaction(this.activeManager_).history(card.account_id!, page)
  }

  /**
   * Expires what is left on every voucher whose validity ended before `now`
   * (an `expire` transaction each; a repeated run expires nothing twice).
   */
  async expireDue(now: Date = new Date()): Promise<{ expired: number; amount: number }> {
    return this.atomicPhase_(async (manager) => {
      const movements = await this.valueAccountService_.withTransaction(manager).expireDue("gift_card", now, { reference: "validity ended" })
      const events = this.eventBusService_.withTransaction(manager)
      for (const m of movements) {
        await events.emit(VoucherService.Events.EXPIRED, { account_id: m.account.id, transaction_id: m.transaction.id })
      }
      return { expired: movements.length, amount: movements.reduce((sum, m) => sum - m.transaction.amount, 0) }
    })
  }

  /**
   * The voucher liability over [from, to) in one currency: opening and closing
   * liability (the sum of all vouchers' balances at those instants) and, per
   * location, what was sold, reloaded, redeemed, expired and otherwise
   * corrected. Closing = opening + every movement, to the cent.
   */
  async liability(input: { currency_code: string; from: Date; to: Date; location_id?: string }): Promise<LiabilityReport> {
    const summary = await this.valueAccountService_.withTransaction(this.activeManager_).summarize({
      kind: "gift_card",
      currency_code: input.currency_code,
      from: input.from,
      to: input.to,
    })
    const locations = await this.posLocationService_.withTransaction(this.activeManager_).list()
    return liabilityOf(summary, { ...input, locations })
  }

  /**
   * What the voucher PDF (jobs plugin) prints: number, amount (the balance now),
   * QR code and the last valid day in the merchant's time zone.
   */
  async documentData(
    cardId: string,
    extra: { recipient_name?: string | null; message?: string | null; locale?: "de" | "en" | "pt" | null } = {}
  ): Promise<VoucherDocumentData> {
    const card = await this.retrieve(cardId)
    if (card.status !== "active" || card.balance <= 0) {
      throw new DomainError("not_printable", `Voucher ${card.code} is ${card.status === "active" ? "empty" : card.status}; there is nothing to print`, 422)
    }
    const { time_zone } = await this.settings()
    return {
      code: card.code,
      amount_minor: card.balance,
      currency_code: card.currency_code,
      valid_until: card.expires_at ? lastValidDay(card.expires_at, time_zone) : null,
      recipient_name: extra.recipient_name ?? null,
      message: extra.message ?? null,
      locale: extra.locale ?? null,
    }
  }

  async settings(): Promise<GiftCardSettings> {
    const [row] = await this.activeManager_.query(`SELECT * FROM gift_card_setting WHERE id = 'default'`)
    return toSettings(row)
  }

  async updateSettings(input: Partial<Pick<GiftCardSettings, "validity" | "validity_count" | "time_zone">>): Promise<GiftCardSettings> {
    return this.atomicPhase_(async (manager) => {
      const [rows] = await manager.query(
        `UPDATE gift_card_setting
            SET validity = COALESCE($1, validity), validity_count = COALESCE($2, validity_count),
                time_zone = COALESCE($3, time_zone), updated_at = now()
          WHERE id = 'default' RETURNING *`,
        [input.validity ?? null, input.validity_count ?? null, input.time_zone ?? null]
      )
      return toSettings(rows[0])
    })
  }

  async health(): Promise<ModuleHealth> {
    return { status: "ok" }
  }

  /**
   * When a voucher sold now expires under the settings: the end of the day
   * N months on, or the end of the year N years after the year of sale, both
   * in the time zone of the location that sells it (the settings' otherwise).
   */
  protected async expiryFor_(manager: EntityManager, locationId: string | null): Promise<Date | null> {
    const settings = toSettings((await manager.query(`SELECT * FROM gift_card_setting WHERE id = 'default'`))[0])
    if (settings.validity === "none") {
      return null
    }
    const timeZone = locationId ? (await this.posLocationService_.withTransaction(manager).retrieve(locationId)).time_zone : settings.time_zone
    const [{ expires_at }] = await manager.query(
      settings.validity === "months"
        ? `SELECT ((((now() AT TIME ZONE $1)::date + make_interval(months => $2))::date + 1)::timestamp AT TIME ZONE $1) AS expires_at`
        : `SELECT (make_date(extract(year FROM now() AT TIME ZONE $1)::int + $2 + 1, 1, 1)::timestamp AT TIME ZONE $1) AS expires_at`,
      [timeZone, settings.validity_count]
    )
    return new Date(expires_at)
  }

  /** Activates a pre-printed voucher at its sale; any other card with that code is taken. */
  protected async activate_(card: CardDTO, data: SellInput, manager: EntityManager): Promise<CardDTO> {
    const [locked] = await manager.query(`SELECT status FROM card WHERE id = $1 FOR UPDATE`, [card.id])
    if (card.kind !== "gift_card" || !card.account_id || locked.status !== "inactive") {
      throw new DomainError("code_taken", `The number ${card.code} is already in use`, 409)
    }
    const account = await this.valueAccountService_.withTransaction(manager).retrieve(card.account_id)
    if (account.currency_code !== data.currency_code.toLowerCase()) {
      throw new DomainError("currency_mismatch", `Voucher ${card.code} is kept in ${account.currency_code.toUpperCase()}`, 422)
    }
    const cards = this.cardService_.withTransaction(manager)
    if (data.customer_id) {
      await cards.setCustomer(card.id, data.customer_id)
      await this.valueAccountService_.withTransaction(manager).setCustomer(card.account_id, data.customer_id)
    }
    return cards.setStatus(card.id, "active")
  }

  protected async setBlocked_(cardId: string, blocked: boolean, ctx: TransactionContext): Promise<GiftCardView> {
    return this.atomicPhase_(async (manager) => {
      const card = await this.retrieveCard_(cardId, manager)
      if (card.status === "inactive") {
        throw new DomainError("card_inactive", `Voucher ${card.code} has not been sold yet`, 409)
      }
      const updated = await this.cardService_.withTransaction(manager).setStatus(card.id, blocked ? "blocked" : "active")
      const account = await this.valueAccountService_
        .withTransaction(manager)
        .setStatus(card.account_id!, blocked ? "blocked" : "active", ctx)
      if (card.status !== updated.status) {
        await this.eventBusService_
          .withTransaction(manager)
          .emit(blocked ? VoucherService.Events.BLOCKED : VoucherService.Events.UNBLOCKED, { id: card.id })
      }
      return view(updated, account)
    })
  }

  protected async retrieveCard_(cardId: string, manager: EntityManager): Promise<CardDTO> {
    const card = await this.cardService_.withTransaction(manager).retrieve(cardId)
    if (card.kind !== "gift_card" || !card.account_id) {
      throw new DomainError("not_found", `Gift voucher ${cardId} was not found`, 404)
    }
    return card
  }

  /** The voucher a code names, when it may be used (see usableVoucher). */
  protected async usableCard_(code: string, manager: EntityManager): Promise<CardDTO> {
    return usableVoucher(await this.cardService_.withTransaction(manager).retrieveByCode(code))
  }

  protected async emit_(event: string, movement: GiftCardMovement, manager: EntityManager): Promise<GiftCardMovement> {
    await this.eventBusService_.withTransaction(manager).emit(event, {
      id: movement.gift_card.id,
      transaction_id: movement.transaction.id,
      amount: Math.abs(movement.transaction.amount),
      currency_code: movement.gift_card.currency_code,
    })
    return movement
  }

}

/** A sold, unblocked gift voucher; 422 for another kind of card, 409 unsold or blocked. */
function usableVoucher<C extends CardSummary>(card: C): C {
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

function view(card: CardSummary, account: ValueAccountDTO): GiftCardView {
  return { ...valueCardView(card, account), expires_at: account.expires_at }
}

/** The day before `expiresAt` (the first instant no longer valid), as YYYY-MM-DD in `timeZone`. */
function lastValidDay(expiresAt: Date, timeZone: string): string {
  return localDay(new Date(expiresAt.getTime() - 1), timeZone)
}

function toSettings(row: Record<string, unknown>): GiftCardSettings {
  return {
    validity: row.validity as Validity,
    validity_count: Number(row.validity_count),
    time_zone: String(row.time_zone),
    updated_at: new Date(row.updated_at as string),
  }
}
