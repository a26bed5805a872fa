import { generateEntityId, TransactionBaseService } from "@medusajs/medusa"
import type { CustomerService } from "@medusajs/medusa"
import type { EntityManager } from "typeorm"

import { assertCurrency, DomainError } from "@customer-modules/core"

import type { CardDTO, CardIdentifierDTO, CardKind, CardStatus, CardSummary, IdentifierKind, ValueAccountDTO, ValueCardView } from "../types"
import type CodeRangeService from "./code-range"
import type ValueAccountService from "./value-account"
import { crockfordVariant, formatCode, generateCode, hasValidCheck, looksGenerated, MAX_CODE_LENGTH, normalizeCode, OWN_CODE_MIN_LENGTH, ownCodeProblem } from "../utils/codes"
import { Page, pageOf } from "../utils/page"
import { toCardDTO, toIdentifierDTO } from "../utils/rows"

type InjectedDependencies = {
  manager: EntityManager
  codeRangeService: CodeRangeService
  valueAccountService: ValueAccountService
  customerService: CustomerService
}

export type IdentifierInput = { kind: IdentifierKind; value: string }

export type CreateCardInput = {
  kind: CardKind
  /** The merchant's own printed number; without it (and without `range_id`) a code is generated. */
  code?: string
  /** Number the card from this merchant range. */
  range_id?: string
  customer_id?: string | null
  account_id?: string | null
  /** `inactive` for pre-printed cards that are sold or activated later; default `active`. */
  status?: CardStatus
  /** Further ways to find the card: barcode, QR payload, RFID UID. */
  identifiers?: IdentifierInput[]
  metadata?: Record<string, unknown> | null
}

export type CardFilter = {
  kind?: CardKind
  customer_id?: string
  status?: CardStatus
  /** A code (or its beginning) or a customer's name or e-mail. */
  q?: string
}

const MAX_IDENTIFIERS = 10
const MAX_CUSTOMER_MATCHES = 200
const UNIQUE_VIOLATION = "23505"
const PRINTABLE = /^[^\p{C}]+$/u

/**
 * Cards and vouchers: found by any identifier (printed number, barcode, QR
 * payload, RFID UID), matched case-insensitively without spaces and dashes.
 * Generated codes carry ~74 random bits and a check symbol, so a mistyped
 * code is refused as `invalid_code` (400) rather than looked up.
 */
export default class CardService extends TransactionBaseService {
  protected readonly codeRangeService_: CodeRangeService
  protected readonly valueAccountService_: ValueAccountService
  protected readonly customerService_: CustomerService

  constructor(container: InjectedDependencies) {
    super(container)
    this.codeRangeService_ = container.codeRangeService
    this.valueAccountService_ = container.valueAccountService
    this.customerService_ = container.customerService
  }

  /**
   * Creates a card with its printed number (own, from a range, or generated)
   * and further identifiers. 409 `code_taken` when any identifier is in use;
   * 422 `code_out_of_range` / `code_wrong_kind` for an own number that does not
   * fit the merchant's ranges.
   */
  async create(input: CreateCardInput): Promise<CardDTO> {
    if ((input.identifiers?.length ?? 0) > MAX_IDENTIFIERS) {
      throw new DomainError("invalid_request", `identifiers: at most ${MAX_IDENTIFIERS}`, 400)
    }
    return this.atomicPhase_(async (manager) => {
      let printed: { value: string; normalized: string }
      if (input.code !== undefined) {
        const problem = ownCodeProblem(input.code, input.kind)
        if (problem) {
          throw new DomainError("invalid_request", `code: ${problem}`, 400)
        }
        printed = identifierOf(input.code)
        await this.codeRangeService_.withTransaction(manager).check(printed.normalized, input.kind)
      } else if (input.range_id) {
        const { code } = await this.codeRangeService_.withTransaction(manager).issue(input.range_id)
        printed = { value: code, normalized: code }
      } else {
        printed = await this.freshCode_(manager)
      }
      const extra = (input.identifiers ?? []).map((i) => ({ kind: i.kind, ...identifierOf(i.value) }))
      const all = [{ kind: "printed" as IdentifierKind, ...printed }, ...extra.filter((i) => i.normalized !== printed.normalized)]
      await assertFree(manager, all.map((i) => i.normalized))

      const id = generateEntityId(undefined, "card")
      const [card] = await manager.query(
        `INSERT INTO card (id, kind, code, status, customer_id, account_id, metadata)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
        [id, input.kind, printed.value, input.status ?? "active", input.customer_id ?? null, input.account_id ?? null, input.metadata ?? null]
      )
      const identifiers: CardIdentifierDTO[] = []
      for (const identifier of dedupe(all)) {
        identifiers.push(await insertIdentifier(manager, id, identifier))
      }
      return toCardDTO(card, identifiers)
    })
  }

  /**
   * Creates `count` pre-printed cards of a value kind (voucher, prepaid card), inactive and
   * each with its own empty account (lower bound 0): with the given numbers (then `count` is
   * their number), numbered from a merchant range, or generated. All or nothing; the caller
   * checks how many it allows.
   */
  async createInactiveBatch(input: {
    kind: "gift_card" | "prepaid_card"
    currency_code: string
    count: number
    codes?: string[]
    range_id?: string
  }): Promise<{ card: CardDTO; account: ValueAccountDTO }[]> {
    return this.atomicPhase_(async (manager) => {
      await assertCurrency(manager, input.currency_code)
      const accounts = this.valueAccountService_.withTransaction(manager)
      const cards = this.withTransaction(manager)
      const created: { card: CardDTO; account: ValueAccountDTO }[] = []
      for (let i = 0; i < input.count; i++) {
        const account = await accounts.create({ kind: input.kind, currency_code: input.currency_code, lower_bound: 0 })
        const card = await cards.create({
          kind: input.kind,
          ...(input.codes ? { code: input.codes[i] } : { range_id: input.range_id }),
          account_id: account.id,
          status: "inactive",
        })
        created.push({ card, account })
      }
      return created
    })
  }

  /** One card with its identifiers; `not_found` (404) when unknown. */
  async retrieve(id: string): Promise<CardDTO> {
    const [row] = await this.activeManager_.query(`SELECT * FROM card WHERE id = $1`, [id])
    if (!row) {
      throw new DomainError("not_found", `Card ${id} was not found`, 404)
    }
    return toCardDTO(row, await this.identifiersOf_([id]).then((m) => m.get(id) ?? []))
  }

  /**
   * The card with this code, or null when no card has it (an own number that
   * is still free). Never `invalid_code`: a merchant's own number may have the
   * shape of a generated code without its check character.
   */
  async findByCode(code: string): Promise<CardDTO | null> {
    const normalized = lookupCode(code)
    return normalized === null ? null : this.lookup_(normalized)
  }

  /**
   * The card whatever identifier was scanned or typed. An unknown code of the
   * generated shape whose check symbol is wrong is `invalid_code` (400: "mistyped,
   * scan again"); any other unknown code `not_found` (404).
   */
  async retrieveByCode(code: string): Promise<CardDTO> {
    const normalized = lookupCode(code)
    const card = normalized === null ? null : await this.lookup_(normalized)
    if (!card) {
      const variant = crockfordVariant(normalizeCode(code))
      if (looksGenerated(variant) && !hasValidCheck(variant)) {
        throw new DomainError("invalid_code", "This code is mistyped: its check character does not match. Please scan or type it again.", 400)
      }
      throw new DomainError("not_found", "No card has this code", 404)
    }
    return card
  }

  /**
   * As `retrieveByCode`, for routes without a terminal key (the web checkout):
   * a number anyone could work out is answered like an unknown one (404), found
   * or not — a code shorter than a value card's own number, or of a merchant
   * range's shape (prefix plus consecutive numbers: whoever holds one knows the
   * next). Such cards are used at the till, where the key's miss limit applies.
   */
  async retrieveByPublicCode(code: string): Promise<CardDTO> {
    const normalized = normalizeCode(code)
    if (normalized.length < OWN_CODE_MIN_LENGTH.gift_card || (await this.codeRangeService_.withTransaction(this.activeManager_).isRangeShaped(normalized))) {
      throw new DomainError("not_found", "No card has this code", 404)
    }
    return this.retrieveByCode(code)
  }

  /** The card with this normalized identifier (or its Crockford reading), else null. */
  protected async lookup_(normalized: string): Promise<CardDTO | null> {
    // The card and all its identifiers in one round trip.
    const byCode = cardByNormalizedCode(normalized, 1)
    const [row] = await this.activeManager_.query(
      `SELECT c.*,
              (SELECT json_agg(json_build_object('id', x.id, 'card_id', x.card_id, 'kind', x.kind, 'value', x.value, 'normalized', x.normalized)
                               ORDER BY x.created_at, x.id)
                 FROM card_identifier x WHERE x.card_id = c.id) AS identifier_rows
         FROM (${byCode.sql}) c`,
      byCode.params
    )
    return row ? toCardDTO(row, ((row.identifier_rows ?? []) as Record<string, unknown>[]).map(toIdentifierDTO)) : null
  }

  /** Cards by kind, customer, status or search text, newest first, with the total count. */
  async listAndCount(filter: CardFilter = {}, page: Page = {}): Promise<[CardDTO[], number]> {
    const where: string[] = []
    const params: unknown[] = []
    const add = (sql: (n: number) => string, value: unknown) => {
      params.push(value)
      where.push(sql(params.length))
    }
    if (filter.kind) add((n) => `c.kind = $${n}`, filter.kind)
    if (filter.customer_id) add((n) => `c.customer_id = $${n}`, filter.customer_id)
    if (filter.status) add((n) => `c.status = $${n}`, filter.status)
    const q = filter.q?.trim()
    if (q) {
      const customers = await this.customerIdsMatching_(q)
      params.push(`${escapeLike(normalizeCode(q))}%`, customers)
      where.push(
        `(EXISTS (SELECT 1 FROM card_identifier i WHERE i.card_id = c.id AND i.normalized LIKE $${params.length - 1})
          OR c.customer_id = ANY($${params.length}))`
      )
    }
    const { limit, offset } = pageOf(page)
    const rows = await this.activeManager_.query(
      `SELECT c.*, count(*) OVER () AS total FROM card c ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
        ORDER BY c.created_at DESC, c.id LIMIT ${limit} OFFSET ${offset}`,
      params
    )
    const identifiers = await this.identifiersOf_(rows.map((r: { id: string }) => r.id))
    const total = rows.length ? Number(rows[0].total) : 0
    return [rows.map((r: { id: string }) => toCardDTO(r, identifiers.get(r.id) ?? [])), total]
  }

  /** Adds a way to find the card; 409 `code_taken` when another card has it. */
  async addIdentifier(cardId: string, input: IdentifierInput): Promise<CardDTO> {
    return this.atomicPhase_(async (manager) => {
      const card = await this.withTransaction(manager).retrieve(cardId)
      const identifier = { kind: input.kind, ...identifierOf(input.value) }
      if (card.identifiers.some((i) => i.normalized === identifier.normalized)) {
        return card
      }
      await assertFree(manager, [identifier.normalized])
      await insertIdentifier(manager, cardId, identifier)
      return this.withTransaction(manager).retrieve(cardId)
    })
  }

  /** Activates, blocks or unblocks a card. A replaced card stays blocked. */
  async setStatus(cardId: string, status: CardStatus): Promise<CardDTO> {
    return this.atomicPhase_(async (manager) => {
      const card = await this.withTransaction(manager).retrieve(cardId)
      if (card.replaced_by_id && status !== "blocked") {
        throw new DomainError("card_replaced", `Card ${card.code} was replaced and cannot be used again`, 409)
      }
      if (card.status !== status) {
        await manager.query(`UPDATE card SET status = $2, updated_at = now() WHERE id = $1`, [cardId, status])
      }
      return this.withTransaction(manager).retrieve(cardId)
    })
  }

  /** Links the card to a customer (or makes it anonymous with null). */
  async setCustomer(cardId: string, customerId: string | null): Promise<CardDTO> {
    return this.atomicPhase_(async (manager) => {
      const [rows] = await manager.query(`UPDATE card SET customer_id = $2, updated_at = now() WHERE id = $1 RETURNING id`, [
        cardId,
        customerId,
      ])
      if (!rows[0]) {
        throw new DomainError("not_found", `Card ${cardId} was not found`, 404)
      }
      return this.withTransaction(manager).retrieve(cardId)
    })
  }

  /**
   * Replaces a lost card: a new card of the same kind and customer that
   * carries on the same value account (so the balance and its history stay
   * whole), while the old card is blocked for good. 409 `card_replaced` when
   * it was replaced already.
   */
  async replace(
    cardId: string,
    input: Pick<CreateCardInput, "code" | "range_id" | "identifiers"> = {}
  ): Promise<{ replaced: CardDTO; card: CardDTO }> {
    return this.atomicPhase_(async (manager) => {
      const [locked] = await manager.query(`SELECT * FROM card WHERE id = $1 FOR UPDATE`, [cardId])
      if (!locked) {
        throw new DomainError("not_found", `Card ${cardId} was not found`, 404)
      }
      if (locked.replaced_by_id) {
        throw new DomainError("card_replaced", `Card ${locked.code} was already replaced`, 409)
      }
      const card = await this.withTransaction(manager).create({
        ...input,
        kind: locked.kind,
        customer_id: locked.customer_id,
        account_id: locked.account_id,
        status: "active",
        metadata: locked.metadata,
      })
      await manager.query(`UPDATE card SET status = 'blocked', replaced_by_id = $2, updated_at = now() WHERE id = $1`, [
        cardId,
        card.id,
      ])
      return { replaced: await this.withTransaction(manager).retrieve(cardId), card }
    })
  }

  /**
   * What the card carries: its own value account (vouchers, prepaid cards), or
   * for a customer card the customer's points and customer accounts.
   */
  async accountsOf(card: CardDTO): Promise<ValueAccountDTO[]> {
    const accounts = this.valueAccountService_.withTransaction(this.activeManager_)
    if (card.account_id) {
      return [await accounts.retrieve(card.account_id)]
    }
    if (card.kind === "customer_card" && card.customer_id) {
      const [list] = await accounts.listAndCount({ customer_id: card.customer_id, kind: ["points", "customer_account"] })
      return list.filter((a) => a.status !== "closed")
    }
    return []
  }

  protected async freshCode_(manager: EntityManager): Promise<{ value: string; normalized: string }> {
    // 74 random bits: a collision is practically impossible, but never assumed.
    for (;;) {
      const normalized = generateCode()
      const [taken] = await manager.query(`SELECT 1 FROM card_identifier WHERE normalized = $1`, [normalized])
      if (!taken) {
        return { value: formatCode(normalized), normalized }
      }
    }
  }

  protected async identifiersOf_(cardIds: string[]): Promise<Map<string, CardIdentifierDTO[]>> {
    const map = new Map<string, CardIdentifierDTO[]>()
    if (!cardIds.length) {
      return map
    }
    const rows = await this.activeManager_.query(
      `SELECT * FROM card_identifier WHERE card_id = ANY($1) ORDER BY created_at, id`,
      [cardIds]
    )
    for (const row of rows) {
      const list = map.get(row.card_id) ?? []
      list.push(toIdentifierDTO(row))
      map.set(row.card_id, list)
    }
    return map
  }

  protected async customerIdsMatching_(q: string): Promise<string[]> {
    const [customers] = await this.customerService_
      .withTransaction(this.activeManager_)
      .listAndCount({ q }, { select: ["id"], take: MAX_CUSTOMER_MATCHES, skip: 0 })
    return customers.map((c) => c.id)
  }
}

/** An identifier as given and as matched; 400 `invalid_code` when it is empty, too long or unprintable. */
function identifierOf(value: string): { value: string; normalized: string } {
  const normalized = normalizeCode(value ?? "")
  if (!normalized || normalized.length > MAX_CODE_LENGTH || !PRINTABLE.test(normalized)) {
    throw new DomainError("invalid_code", `A code must have 1 to ${MAX_CODE_LENGTH} printable characters besides spaces and dashes`, 400)
  }
  return { value: value.trim(), normalized }
}

/** A value card with its account's balance, the fields every value-card plugin answers. */
export function valueCardView(card: CardSummary, account: ValueAccountDTO): ValueCardView {
  return {
    id: card.id,
    code: card.code,
    balance: account.balance,
    currency_code: account.currency_code,
    customer_id: card.customer_id,
    status: card.status,
  }
}

async function assertFree(manager: EntityManager, normalized: string[]): Promise<void> {
  const taken = await manager.query(`SELECT normalized FROM card_identifier WHERE normalized = ANY($1)`, [normalized])
  if (taken.length) {
    throw new DomainError("code_taken", `The code ${taken[0].normalized} is already used by another card`, 409)
  }
}

async function insertIdentifier(
  manager: EntityManager,
  cardId: string,
  identifier: { kind: IdentifierKind; value: string; normalized: string }
): Promise<CardIdentifierDTO> {
  try {
    const [row] = await manager.query(
      `INSERT INTO card_identifier (id, card_id, kind, value, normalized) VALUES ($1, $2, $3, $4, $5) RETURNING *`,
      [generateEntityId(undefined, "cid"), cardId, identifier.kind, identifier.value, identifier.normalized]
    )
    return toIdentifierDTO(row)
  } catch (e) {
    // Another request took the same code between the check and the insert.
    if ((e as { code?: string }).code === UNIQUE_VIOLATION) {
      throw new DomainError("code_taken", `The code ${identifier.normalized} is already used by another card`, 409)
    }
    throw e
  }
}

function dedupe<T extends { normalized: string }>(list: T[]): T[] {
  const seen = new Set<string>()
  return list.filter((i) => !seen.has(i.normalized) && seen.add(i.normalized))
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`)
}

/** A card's row selected by a normalized code: its own reading first, then its Crockford reading; parameters from `$first`. */
function cardByNormalizedCode(normalized: string, first: number): { sql: string; params: unknown[] } {
  return {
    sql: `SELECT c.* FROM card_identifier i JOIN card c ON c.id = i.card_id
           WHERE i.normalized = ANY($${first}) ORDER BY (i.normalized = $${first + 1}) DESC LIMIT 1`,
    params: [[normalized, crockfordVariant(normalized)], normalized],
  }
}

/**
 * The card a scanned or typed code names, as a sub-select (at most one `card`
 * row) for a caller's own statement, so that finding the card and the work it
 * guards are one round trip; `params` go at `$first` and `$first + 1`. Null
 * when the code cannot name any card. When the statement finds no card, ask
 * `CardService.retrieveByCode` for the answer to give (404, or 400 for a
 * mistyped generated code).
 */
export function cardByCodeSql(code: string, first: number): { sql: string; params: unknown[] } | null {
  const normalized = lookupCode(code)
  return normalized === null ? null : cardByNormalizedCode(normalized, first)
}

/** A code as looked up (normalized), or null when it cannot name a card (empty, or longer than any). */
function lookupCode(code: string): string | null {
  const normalized = normalizeCode(code)
  return normalized && normalized.length <= MAX_CODE_LENGTH ? normalized : null
}
