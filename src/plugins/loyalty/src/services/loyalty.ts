import { randomUUID } from "crypto"

import { CustomerService, EventBusService, TransactionBaseService } from "@medusajs/medusa"
import type { Customer, Logger } from "@medusajs/medusa"
import { EntityManager } from "typeorm"

import { DomainError, ModuleHealth } from "@customer-modules/core"
import type { CardDTO, CardService, LedgerTransactionDTO, ValueAccountService } from "@customer-modules/ledger"

import type { LoyaltyCard, LoyaltyContext, LoyaltyCustomer, LoyaltyVisit, TillCustomer } from "../types"
import { cardView, customerView, MAX_LIST, PLACEHOLDER_DOMAIN, usableCard } from "../utils/views"
import type { MemberRow } from "../utils/views"
import { MAX_TILL_SEARCH, MIN_TILL_NAME, Settings } from "../validators"
import type { LoyaltySettings } from "../validators"

type InjectedDependencies = {
  manager: EntityManager
  logger: Logger
  valueAccountService: ValueAccountService
  cardService: CardService
  customerService: CustomerService
  eventBusService: EventBusService
}

export { PLACEHOLDER_DOMAIN }

/** Visits shown with a customer. */
const RECENT_VISITS = 10
/** Largest batch of pre-printed cards created in one call. */
export const MAX_CARD_BATCH = 500


export const DEFAULT_SETTINGS: LoyaltySettings = {
  points_per_unit: 1,
  unit_minor: 100,
  rounding: "floor",
  min_spend_minor: 0,
  redemption_cap_points: null,
  excluded_product_ids: [],
  excluded_category_ids: [],
  location_rates: {},
  birthday_points: 0,
  birthday_message: null,
  time_zone: "Europe/Berlin",
  expiry_months: null,
  expiry_notice_days: 30,
  campaigns: [],
}


/**
 * The loyalty programme's members: the settings, and the customers with a
 * customer card (generated, or a scanned barcode / RFID UID / pre-printed
 * card) and one points account each in the ledger (kind `points`, unit
 * "pts"), found by the back office and at tills. Earning is
 * `loyaltyEarningService`'s, rewards `loyaltyRewardService`'s, extra points
 * `loyaltyExtraPointsService`'s, birthdays `loyaltyBirthdayService`'s; they
 * reach members through `ensureMember`, `member`, `memberOf` and `settings`.
 *
 * Guarantees, whatever the concurrency:
 * - a customer has one member row and one points account, created once (the
 *   row is inserted or found and locked before the account is made);
 * - a pre-printed card is activated for one customer only (an advisory lock
 *   per card); a blocked card is refused everywhere;
 * - a till finds a member only by one specific term (card, exact e-mail or
 *   phone, or name with birthday), never by listing.
 *
 * Callers own the transaction (`withTransaction(manager)`).
 */
export default class LoyaltyService extends TransactionBaseService {
  static Events = {
    REGISTERED: "loyalty.customer_registered",
  }

  protected readonly logger_: Logger
  protected readonly valueAccountService_: ValueAccountService
  protected readonly cardService_: CardService
  protected readonly customerService_: CustomerService
  protected readonly eventBusService_: EventBusService

  constructor(container: InjectedDependencies) {
    super(container)
    this.logger_ = container.logger
    this.valueAccountService_ = container.valueAccountService
    this.cardService_ = container.cardService
    this.customerService_ = container.customerService
    this.eventBusService_ = container.eventBusService
  }

  // ── Settings ──────────────────────────────────────────────────────────

  /** The programme's settings (defaults until the merchant saves some). */
  async settings(): Promise<LoyaltySettings> {
    const [row] = await this.activeManager_.query(`SELECT data FROM loyalty_setting WHERE id = 'default'`)
    const parsed = Settings.safeParse({ ...DEFAULT_SETTINGS, ...(row?.data ?? {}) })
    return parsed.success ? parsed.data : DEFAULT_SETTINGS
  }

  /** Saves the given settings over the current ones; applies to sales from now on. */
  async updateSettings(patch: Partial<LoyaltySettings>): Promise<LoyaltySettings> {
    return this.atomicPhase_(async (manager) => {
      await manager.query(`INSERT INTO loyalty_setting (id) VALUES ('default') ON CONFLICT (id) DO NOTHING`)
      await manager.query(`SELECT 1 FROM loyalty_setting WHERE id = 'default' FOR UPDATE`)
      const current = await this.withTransaction(manager).settings()
      const next = Settings.parse({ ...current, ...patch })
      await manager.query(`UPDATE loyalty_setting SET data = $1::jsonb, updated_at = now() WHERE id = 'default'`, [JSON.stringify(next)])
      return next
    })
  }

  // ── Customers and cards ───────────────────────────────────────────────

  /**
   * Registers a customer at the till and issues a card: a generated one, or
   * the scanned code (barcode, RFID UID, printed number). A pre-printed
   * customer card that is still inactive is activated for the customer; any
   * other known code is 409 `code_taken`.
   *
   * With an e-mail of an existing Medusa customer: in the back office
   * (`attach_existing`) that customer joins (409 `already_member` when already
   * in); at a till nobody is attached without proof, the answer is 409
   * `customer_exists` and names nobody (the customer shows their card, or the
   * back office gives them one).
   */
  async register(
    data: {
      first_name: string
      last_name: string
      email?: string
      phone?: string
      birthday?: string
      card_code?: string
      marketing_consent?: boolean
    },
    ctx: LoyaltyContext = {},
    opts: { attach_existing?: boolean } = {}
  ): Promise<{ customer: LoyaltyCustomer; card: LoyaltyCard }> {
    return this.atomicPhase_(async (manager) => {
      const customers = this.customerService_.withTransaction(manager)
      let customer: Customer | undefined
      if (data.email) {
        const existing = await customers.listByEmail(data.email).catch(() => [] as Customer[])
        if (existing.length && !opts.attach_existing) {
          throw new DomainError(
            "customer_exists",
            "A customer with this e-mail address already exists: scan their customer card, or have the back office issue them one",
            409
          )
        }
        customer = existing.find((c) => c.has_account) ?? existing[0]
        if (customer && (await this.member_(customer.id, manager))?.account_id) {
          throw new DomainError("already_member", "A customer with this e-mail address is already in the loyalty programme", 409)
        }
      }
      customer ??= await customers.create({
        email: data.email ?? `till-${randomUUID()}@${PLACEHOLDER_DOMAIN}`,
        first_name: data.first_name,
        last_name: data.last_name,
        phone: data.phone,
      })

      let card: CardDTO
      const existingCard = data.card_code === undefined ? null : await this.cardService_.withTransaction(manager).findByCode(data.card_code)
      if (existingCard) {
        card = await this.activatePrePrinted_(existingCard, customer.id, manager)
      } else {
        card = await this.cardService_
          .withTransaction(manager)
          .create({ kind: "customer_card", code: data.card_code, customer_id: customer.id, status: "active" })
      }
      const member = await this.ensureMember_(customer.id, manager, {
        birthday: data.birthday ?? null,
        phone: data.phone ?? null,
        email_placeholder: !data.email,
        marketing_consent: data.marketing_consent,
      })
      await this.eventBusService_
        .withTransaction(manager)
        .emit(LoyaltyService.Events.REGISTERED, { customer_id: customer.id, card_id: card.id, location_id: ctx.location_id ?? null })
      return { customer: customerView(customer, member), card: cardView(card) }
    })
  }

  /**
   * Makes a customer a member if not yet: points account (once) and, when the
   * customer has no customer card, a generated one. Used for customers who
   * register through the store API (`customer.created`). Returns the card
   * issued now, or null when nothing was needed.
   */
  async enrol(customerId: string): Promise<LoyaltyCard | null> {
    return this.atomicPhase_(async (manager) => {
      await this.ensureMember_(customerId, manager, {})
      const [cards] = await this.cardService_.withTransaction(manager).listAndCount({ kind: "customer_card", customer_id: customerId }, { limit: 1 })
      if (cards.length) {
        return null
      }
      const card = await this.cardService_.withTransaction(manager).create({ kind: "customer_card", customer_id: customerId, status: "active" })
      return cardView(card)
    })
  }

  /**
   * Makes an existing customer (created in the admin or in the shop) a member
   * and issues them a card: generated, or the scanned code (barcode, RFID UID,
   * a pre-printed card still inactive). Several cards per customer are fine.
   */
  async issueCard(customerId: string, data: { card_code?: string }): Promise<{ customer: LoyaltyCustomer; card: LoyaltyCard }> {
    return this.atomicPhase_(async (manager) => {
      const customer = await this.customerService_.withTransaction(manager).retrieve(customerId)
      const member = await this.ensureMember_(customerId, manager, {})
      const existing = data.card_code === undefined ? null : await this.cardService_.withTransaction(manager).findByCode(data.card_code)
      const card = existing
        ? await this.activatePrePrinted_(existing, customerId, manager)
        : await this.cardService_.withTransaction(manager).create({ kind: "customer_card", code: data.card_code, customer_id: customerId, status: "active" })
      return { customer: customerView(customer, member), card: cardView(card) }
    })
  }

  /**
   * A lost or broken card: blocked and replaced by a new one (generated or the
   * scanned code). The points belong to the customer, not the card, so they
   * stay; the old card is refused everywhere from now on (409 `card_blocked`).
   */
  async replaceCard(customerId: string, code: string, data: { card_code?: string }): Promise<{ replaced: LoyaltyCard; card: LoyaltyCard }> {
    return this.atomicPhase_(async (manager) => {
      const cards = this.cardService_.withTransaction(manager)
      const old = await cards.retrieveByCode(code)
      if (old.kind !== "customer_card" || old.customer_id !== customerId) {
        throw new DomainError("not_found", `Customer ${customerId} has no card ${code}`, 404)
      }
      if (data.card_code !== undefined && (await cards.findByCode(data.card_code))) {
        throw new DomainError("code_taken", `The code ${data.card_code} is already used by another card`, 409)
      }
      const { replaced, card } = await cards.replace(old.id, { code: data.card_code })
      return { replaced: cardView(replaced), card: cardView(card) }
    })
  }

  /**
   * Pre-printed customer cards (printed numbers, barcodes, RFID UIDs, or the
   * next `count` numbers of a merchant number range), inactive until a till
   * registers a customer with one. All or nothing; at most 500 per call.
   */
  async createCards(data: { codes?: string[]; range_id?: string; count?: number }): Promise<LoyaltyCard[]> {
    const total = data.codes?.length ?? data.count ?? 0
    if ((data.codes === undefined) === (data.range_id === undefined) || total < 1 || total > MAX_CARD_BATCH) {
      throw new DomainError("invalid_request", `Give either codes or range_id with count; 1 to ${MAX_CARD_BATCH} cards`, 400)
    }
    return this.atomicPhase_(async (manager) => {
      const cards = this.cardService_.withTransaction(manager)
      const created: LoyaltyCard[] = []
      for (let i = 0; i < total; i++) {
        const card = await cards.create({
          kind: "customer_card",
          ...(data.codes ? { code: data.codes[i] } : { range_id: data.range_id }),
          status: "inactive",
        })
        created.push(cardView(card))
      }
      return created
    })
  }

  /** The customer behind a scanned card, with the card, points and recent visits. */
  async lookup(code: string): Promise<{ customer: LoyaltyCustomer; card: LoyaltyCard; points: number; visits: LoyaltyVisit[] }> {
    const manager = this.activeManager_
    const card = usableCard(await this.cardService_.withTransaction(manager).retrieveByCode(code))
    const customerId = card.customer_id!
    const member = await this.member_(customerId, manager)
    const customer = await this.customerService_.withTransaction(manager).retrieve(customerId)
    const points = member?.account_id ? await this.valueAccountService_.withTransaction(manager).balance(member.account_id) : 0
    return { customer: customerView(customer, member), card: cardView(card), points, visits: await this.visits_(customerId, RECENT_VISITS, manager) }
  }

  /**
   * Customers by name, e-mail or phone (members first, then other Medusa
   * customers unless `members_only`), with their points and cards, newest first.
   */
  async search(
    q: string | undefined,
    page: { limit?: number; offset?: number; members_only?: boolean } = {}
  ): Promise<{ customers: (LoyaltyCustomer & { points: number; cards: LoyaltyCard[] })[]; count: number }> {
    const manager = this.activeManager_
    const limit = Math.min(page.limit ?? 20, MAX_LIST)
    const offset = page.offset ?? 0
    const pattern = q ? `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%` : null
    const membersOnly = page.members_only === true
    const where = `c.deleted_at IS NULL AND (${membersOnly ? "m.account_id IS NOT NULL" : "true"}) AND ($1::text IS NULL OR c.first_name ILIKE $1 OR c.last_name ILIKE $1
      OR (c.first_name || ' ' || c.last_name) ILIKE $1 OR (c.email ILIKE $1 AND c.email NOT LIKE '%@${PLACEHOLDER_DOMAIN}')
      OR c.phone ILIKE $1 OR m.phone ILIKE $1)`
    const rows: (Customer & MemberRow & { member: boolean })[] = await manager.query(
      `SELECT c.id, c.first_name, c.last_name, c.email, c.phone AS customer_phone, c.has_account,
              m.customer_id IS NOT NULL AS member, m.account_id, m.birthday::text AS birthday, m.phone, m.email_placeholder, m.marketing_consent
         FROM customer c LEFT JOIN loyalty_member m ON m.customer_id = c.id
        WHERE ${where}
        ORDER BY (m.customer_id IS NOT NULL) DESC, c.created_at DESC, c.id
        LIMIT $2 OFFSET $3`,
      [pattern, limit, offset]
    )
    const [{ count }] = await manager.query(
      `SELECT count(*)::int AS count FROM customer c LEFT JOIN loyalty_member m ON m.customer_id = c.id WHERE ${where}`,
      [pattern]
    )
    const accountIds = rows.map((r) => r.account_id).filter((id): id is string => !!id)
    const [accounts] = accountIds.length
      ? await this.valueAccountService_.withTransaction(manager).listAndCount({ ids: accountIds }, { limit: accountIds.length })
      : [[]]
    const balances = new Map(accounts.map((a) => [a.id, a.balance]))
    const out = []
    for (const r of rows) {
      const [cards] = await this.cardService_.withTransaction(manager).listAndCount({ kind: "customer_card", customer_id: r.id }, { limit: 10 })
      const member = r.member ? r : null
      const customer = { ...r, phone: (r as unknown as { customer_phone: string | null }).customer_phone } as unknown as Customer
      out.push({
        ...customerView(customer, member),
        points: r.account_id ? (balances.get(r.account_id) ?? 0) : 0,
        cards: cards.map(cardView),
      })
    }
    return { customers: out, count }
  }

  /**
   * A till's customer lookup (not a listing): members found by one specific
   * term — `q` as a card code (active customer cards only), an exact e-mail
   * address or an exact phone number (spaces, dashes, brackets ignored) — or
   * by at least three characters of a name together with the exact birthday.
   * At most MAX_TILL_SEARCH results; no birthdays, and no card codes except
   * the card that was scanned. An empty answer is the caller's miss.
   */
  async findAtTill(query: { q?: string; name?: string; birthday?: string; limit?: number }): Promise<{ customers: TillCustomer[] }> {
    const manager = this.activeManager_
    const limit = Math.min(query.limit ?? MAX_TILL_SEARCH, MAX_TILL_SEARCH)
    const members = `c.deleted_at IS NULL AND m.account_id IS NOT NULL`
    let rows: (Customer & MemberRow & { customer_phone: string | null })[] = []
    let scanned: CardDTO | null = null
    const select = `SELECT c.id, c.first_name, c.last_name, c.email, c.phone AS customer_phone, c.has_account,
                           m.customer_id, m.account_id, m.phone, m.email_placeholder, m.marketing_consent
                      FROM customer c JOIN loyalty_member m ON m.customer_id = c.id`
    const order = `ORDER BY c.created_at DESC, c.id LIMIT ${limit}`
    if (query.q !== undefined) {
      const q = query.q.trim()
      if (q.includes("@")) {
        rows = await manager.query(`${select} WHERE ${members} AND NOT m.email_placeholder AND lower(c.email) = lower($1) ${order}`, [q])
      } else {
        const card = await this.cardService_.withTransaction(manager).findByCode(q)
        if (card && card.kind === "customer_card" && card.status === "active" && card.customer_id) {
          rows = await manager.query(`${select} WHERE ${members} AND c.id = $1`, [card.customer_id])
          scanned = rows.length ? card : null
        } else if (!card) {
          const phone = q.replace(/[\s()/-]/g, "")
          if (/^\+?[0-9]{5,20}$/.test(phone)) {
            rows = await manager.query(
              `${select} WHERE ${members}
                 AND (regexp_replace(COALESCE(c.phone, ''), '[[:space:]()/-]', '', 'g') = $1
                      OR regexp_replace(COALESCE(m.phone, ''), '[[:space:]()/-]', '', 'g') = $1) ${order}`,
              [phone]
            )
          }
        }
      }
    } else if (query.name !== undefined && query.birthday !== undefined && query.name.trim().length >= MIN_TILL_NAME) {
      const pattern = `%${query.name.trim().replace(/[\\%_]/g, (m) => `\\${m}`)}%`
      rows = await manager.query(
        `${select} WHERE ${members} AND m.birthday = $2::date
           AND (c.first_name ILIKE $1 OR c.last_name ILIKE $1 OR (c.first_name || ' ' || c.last_name) ILIKE $1) ${order}`,
        [pattern, query.birthday]
      )
    }
    const accountIds = rows.map((r) => r.account_id).filter((id): id is string => !!id)
    const [accounts] = accountIds.length
      ? await this.valueAccountService_.withTransaction(manager).listAndCount({ ids: accountIds }, { limit: accountIds.length })
      : [[]]
    const balances = new Map(accounts.map((a) => [a.id, a.balance]))
    return {
      customers: rows.map((r) => {
        const view = customerView({ ...r, phone: r.customer_phone } as unknown as Customer, r)
        return {
          id: view.id,
          first_name: view.first_name,
          last_name: view.last_name,
          email: view.email,
          phone: view.phone,
          has_account: view.has_account,
          marketing_consent: view.marketing_consent,
          points: r.account_id ? (balances.get(r.account_id) ?? 0) : 0,
          cards: scanned && scanned.customer_id === r.id ? [cardView(scanned)] : [],
        }
      }),
    }
  }

  /** One customer with points, cards, history and visits (admin and the customer's own view). */
  async overview(
    customerId: string,
    page: { limit?: number; offset?: number } = {}
  ): Promise<{
    customer: LoyaltyCustomer
    points: number
    cards: LoyaltyCard[]
    transactions: LedgerTransactionDTO[]
    count: number
    visits: LoyaltyVisit[]
  }> {
    const manager = this.activeManager_
    const customer = await this.customerService_.withTransaction(manager).retrieve(customerId)
    const member = await this.member_(customerId, manager)
    const [cards] = await this.cardService_.withTransaction(manager).listAndCount({ kind: "customer_card", customer_id: customerId }, { limit: 50 })
    let points = 0
    let transactions: LedgerTransactionDTO[] = []
    let count = 0
    if (member?.account_id) {
      const accounts = this.valueAccountService_.withTransaction(manager)
      points = await accounts.balance(member.account_id)
      ;[transactions, count] = await accounts.history(member.account_id, { limit: page.limit ?? 50, offset: page.offset ?? 0 })
    }
    return {
      customer: customerView(customer, member),
      points,
      cards: cards.map(cardView),
      transactions,
      count,
      visits: await this.visits_(customerId, RECENT_VISITS, manager),
    }
  }

  async health(): Promise<ModuleHealth> {
    await this.activeManager_.query(`SELECT 1 FROM loyalty_member LIMIT 1`)
    return { status: "ok" }
  }

  // ── Internals ─────────────────────────────────────────────────────────

  /** The member's points account id and mailing address (null e-mail: placeholder), or null outside the programme. */
  async memberOf(customerId: string): Promise<{ account_id: string; email: string | null; name: string } | null> {
    const member = await this.member_(customerId, this.activeManager_)
    if (!member?.account_id) {
      return null
    }
    const customer = await this.customerService_.withTransaction(this.activeManager_).retrieve(customerId)
    const view = customerView(customer, member)
    return { account_id: member.account_id, email: view.email, name: [view.first_name, view.last_name].filter(Boolean).join(" ") || (view.email ?? "") }
  }

  /** Customer ids of all members with a points account, in pages (for schedules). */
  async memberIds(page: { limit: number; after?: string }): Promise<string[]> {
    const rows: { customer_id: string }[] = await this.activeManager_.query(
      `SELECT customer_id FROM loyalty_member WHERE account_id IS NOT NULL AND customer_id > $1 ORDER BY customer_id LIMIT $2`,
      [page.after ?? "", page.limit]
    )
    return rows.map((r) => r.customer_id)
  }

  /**
   * The member row with its points account, created once (see `ensureMember_`),
   * for the programme's other services (rewards, extra points, birthdays),
   * in the caller's transaction.
   */
  async ensureMember(customerId: string): Promise<MemberRow & { account_id: string }> {
    return this.ensureMember_(customerId, this.activeManager_, {})
  }

  /** The member row of a customer, or null outside the programme, in the caller's transaction. */
  async member(customerId: string): Promise<MemberRow | null> {
    return this.member_(customerId, this.activeManager_)
  }

  protected async member_(customerId: string, manager: EntityManager): Promise<MemberRow | null> {
    const [row] = await manager.query(
      `SELECT customer_id, account_id, birthday::text AS birthday, phone, email_placeholder, marketing_consent FROM loyalty_member WHERE customer_id = $1`,
      [customerId]
    )
    return row ?? null
  }

  /**
   * The member row with its points account, created once: the row is inserted
   * (or found) and locked first, so two concurrent calls create one account.
   * Given fields overwrite stored ones (null leaves them).
   */
  protected async ensureMember_(
    customerId: string,
    manager: EntityManager,
    patch: { birthday?: string | null; phone?: string | null; email_placeholder?: boolean; marketing_consent?: boolean }
  ): Promise<MemberRow & { account_id: string }> {
    await manager.query(`INSERT INTO loyalty_member (customer_id) VALUES ($1) ON CONFLICT (customer_id) DO NOTHING`, [customerId])
    // An UPDATE answers [rows, count] through TypeORM.
    const [[row]]: [MemberRow[], number] = await manager.query(
      `UPDATE loyalty_member SET birthday = COALESCE($2::date, birthday), phone = COALESCE($3, phone),
              email_placeholder = COALESCE($4, email_placeholder),
              consent_changed_at = CASE WHEN $5::boolean IS DISTINCT FROM marketing_consent AND $5 IS NOT NULL THEN now() ELSE consent_changed_at END,
              marketing_consent = COALESCE($5, marketing_consent), updated_at = now()
        WHERE customer_id = $1
        RETURNING customer_id, account_id, birthday::text AS birthday, phone, email_placeholder, marketing_consent`,
      [customerId, patch.birthday ?? null, patch.phone ?? null, patch.email_placeholder ?? null, patch.marketing_consent ?? null]
    )
    if (row.account_id) {
      return row as MemberRow & { account_id: string }
    }
    const accounts = this.valueAccountService_.withTransaction(manager)
    const [existing] = await accounts.listAndCount({ customer_id: customerId, kind: "points" }, { limit: 1 })
    const account = existing[0] ?? (await accounts.create({ kind: "points", currency_code: "pts", customer_id: customerId }))
    await manager.query(`UPDATE loyalty_member SET account_id = $2 WHERE customer_id = $1`, [customerId, account.id])
    return { ...row, account_id: account.id }
  }

  /** A pre-printed, still inactive customer card, activated for the customer; 409 `code_taken` otherwise. */
  protected async activatePrePrinted_(card: CardDTO, customerId: string, manager: EntityManager): Promise<CardDTO> {
    if (card.kind !== "customer_card" || card.status !== "inactive" || card.customer_id) {
      throw new DomainError("code_taken", `The code ${card.code} is already used by another card`, 409)
    }
    // Two tills activating the same card at once: the second waits here, then finds it taken.
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`loyalty:card:${card.id}`])
    const cards = this.cardService_.withTransaction(manager)
    const fresh = await cards.retrieve(card.id)
    if (fresh.status !== "inactive" || fresh.customer_id) {
      throw new DomainError("code_taken", `The card ${card.code} was issued meanwhile`, 409)
    }
    await cards.setCustomer(card.id, customerId)
    return cards.setStatus(card.id, "active")
  }

  protected async visits_(customerId: string, limit: number, manager: EntityManager): Promise<LoyaltyVisit[]> {
    const rows = await manager.query(
      `SELECT id, source, order_id, location_id, reference, amount_minor, currency_code, points_earned, points_taken_back, created_at
         FROM loyalty_visit WHERE customer_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2`,
      [customerId, limit]
    )
    return rows.map((r: LoyaltyVisit) => ({ ...r, amount_minor: Number(r.amount_minor) }))
  }
}
