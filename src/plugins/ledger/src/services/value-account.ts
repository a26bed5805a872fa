import { TransactionBaseService } from "@medusajs/medusa"
import type { EntityManager } from "typeorm"

import { DomainError, newEntityId } from "@customer-modules/core"
import type { HealthReporter, ModuleHealth } from "@customer-modules/core"

import type {
  AccountKind,
  AccountStatus,
  CardKind,
  CardSummary,
  LedgerSummary,
  LedgerTransactionDTO,
  LedgerVerification,
  TransactionContext,
  TransactionType,
  ValueAccountDTO,
} from "../types"
import { cardByCodeSql } from "./card"
import { toSafeInteger } from "../utils/bigint"
import { Page, pageOf } from "../utils/page"
import { toAccountDTO, toCardSummary, toTransactionDTO } from "../utils/rows"
import { verifyLedger } from "../utils/verify"

type InjectedDependencies = {
  manager: EntityManager
}

export type CreditType = Extract<TransactionType, "issue" | "load" | "settle" | "grant" | "adjust">
export type DebitType = Extract<TransactionType, "redeem" | "charge" | "adjust" | "expire" | "clear">

export type CreateAccountInput = {
  kind: AccountKind
  /** ISO 4217 (any case) or "pts" for points. */
  currency_code: string
  customer_id?: string | null
  /** 0 (default) or negative: −credit limit. */
  lower_bound?: number
  expires_at?: Date | null
  metadata?: Record<string, unknown> | null
}

export type AccountFilter = {
  kind?: AccountKind | AccountKind[]
  customer_id?: string
  ids?: string[]
}

/** A balance change: the account after it and the transaction that made it. */
export type Movement = {
  account: ValueAccountDTO
  transaction: LedgerTransactionDTO
  /** True when `idempotency_key` matched an earlier change, which is returned unchanged. */
  replayed?: boolean
}

const MAX_REFERENCE_LENGTH = 200

const STATUS_ACTIVITY: Record<AccountStatus, TransactionType> = {
  active: "unblock",
  blocked: "block",
  closed: "close",
}

/**
 * The ledger: value accounts whose balance changes only together with one
 * append-only transaction, in one SQL statement that updates the balance under
 * its row lock and inserts the transaction carrying the balance after it.
 *
 * Guarantees, whatever the concurrency and however many server instances:
 * - a debit never takes a balance below its lower bound (the conditional
 *   UPDATE, and a CHECK constraint behind it);
 * - the balance equals the sum of the account's transactions (`verify`);
 * - a transaction is reversed at most once (a unique index on `reverses_id`);
 * - a change with an `idempotency_key` happens at most once.
 *
 * Other plugins resolve it as `valueAccountService` and pass their
 * transaction in with `withTransaction(manager)`.
 */
export default class ValueAccountService extends TransactionBaseService implements HealthReporter {
  constructor(container: InjectedDependencies) {
    super(container)
  }

  /** Opens an account with balance 0. */
  async create(input: CreateAccountInput): Promise<ValueAccountDTO> {
    const lowerBound = input.lower_bound ?? 0
    if (!Number.isSafeInteger(lowerBound) || lowerBound > 0) {
      throw new DomainError("invalid_amount", "lower_bound: must be 0 or a negative integer (−credit limit)", 400)
    }
    const currency = input.currency_code.toLowerCase()
    if (input.kind === "points" ? currency !== "pts" : !/^[a-z]{3}$/.test(currency) || currency === "pts") {
      throw new DomainError("invalid_currency", `currency_code "${input.currency_code}" does not fit an account of kind ${input.kind}`, 400)
    }
    return this.atomicPhase_(async (manager) => {
      const [row] = await manager.query(
        `INSERT INTO value_account (id, kind, currency_code, customer_id, status, lower_bound, balance, expires_at, metadata)
         VALUES ($1, $2, $3, $4, 'active', $5, 0, $6, $7)
         RETURNING *`,
        [
          newEntityId("vacc"),
          input.kind,
          currency,
          input.customer_id ?? null,
          lowerBound,
          input.expires_at ?? null,
          input.metadata ?? null,
        ]
      )
      return toAccountDTO(row)
    })
  }

  /** One account; `not_found` (404) when unknown. */
  async retrieve(id: string): Promise<ValueAccountDTO> {
    const [row] = await this.activeManager_.query(`SELECT * FROM value_account WHERE id = $1`, [id])
    if (!row) {
      throw new DomainError("not_found", `Account ${id} was not found`, 404)
    }
    return toAccountDTO(row)
  }

  /** The current balance of an account. */
  async balance(id: string): Promise<number> {
    return (await this.retrieve(id)).balance
  }

  /** Accounts by kind and customer, newest first, with the total count. */
  async listAndCount(filter: AccountFilter = {}, page: Page = {}): Promise<[ValueAccountDTO[], number]> {
    const where: string[] = []
    const params: unknown[] = []
    if (filter.kind) {
      params.push(Array.isArray(filter.kind) ? filter.kind : [filter.kind])
      where.push(`kind = ANY($${params.length})`)
    }
    if (filter.customer_id) {
      params.push(filter.customer_id)
      where.push(`customer_id = $${params.length}`)
    }
    if (filter.ids) {
      params.push(filter.ids)
      where.push(`id = ANY($${params.length})`)
    }
    const clause = where.length ? `WHERE ${where.join(" AND ")}` : ""
    const { limit, offset } = pageOf(page)
    const rows = await this.activeManager_.query(
      `SELECT *, count(*) OVER () AS total FROM value_account ${clause}
        ORDER BY created_at DESC, id LIMIT ${limit} OFFSET ${offset}`,
      params
    )
    const total = rows.length ? Number(rows[0].total) : await this.count_(clause, params)
    return [rows.map(toAccountDTO), total]
  }

  /** Puts `amount` (> 0) on the account. Refused on a blocked or closed account. */
  async credit(accountId: string, amount: number, type: CreditType, ctx: TransactionContext = {}): Promise<Movement> {
    assertAmount(amount)
    return this.move_(accountId, amount, type, ctx)
  }

  /**
   * Takes `amount` (> 0) off the account; refused with 409 when that would take
   * the balance below its lower bound (`insufficient_balance`, for points
   * `insufficient_points`, for customer accounts `credit_limit_exceeded`).
   */
  async debit(accountId: string, amount: number, type: DebitType, ctx: TransactionContext = {}): Promise<Movement> {
    assertAmount(amount)
    return this.move_(accountId, -amount, type, ctx)
  }

  /**
   * `debit` on the account of the card a code names, in one statement with the
   * card lookup: applied only when the card is of `kind` and active and the
   * debit goes through (see conditionalMoveByCode for what to do when not).
   * For the till's hot path: a payment is one round trip fewer. `onlyIf`: SQL
   * on the card's row (`card`) that must hold as well (a plugin's own condition).
   */
  async debitByCode(
    code: string,
    kind: CardKind,
    amount: number,
    type: DebitType,
    ctx: TransactionContext = {},
    onlyIf?: string
  ): Promise<MovementByCode> {
    assertAmount(amount)
    assertKey(ctx.idempotency_key ?? null)
    return this.atomicPhase_((manager) => conditionalMoveByCode(manager, code, kind, -amount, type, ctx, onlyIf))
  }

  /**
   * Takes the row locks of these accounts, in id order, for the rest of the
   * caller's transaction: the lock `reverse`, `setStatus` and `expireDue` take.
   * A plugin that decides from an account's history (e.g. what an order may
   * still get back) locks first and reads after, so that no reversal of the
   * same account commits in between. `not_found` (404) when one is unknown.
   */
  async lock(accountIds: string[]): Promise<void> {
    await this.lockAccounts(accountIds)
  }

  /**
   * `lock`, returning the locked accounts as they are under the lock (in id
   * order): what a plugin checks before it moves money (balance, status,
   * expiry) without reading the ledger's tables itself.
   */
  async lockAccounts(accountIds: string[]): Promise<ValueAccountDTO[]> {
    return this.atomicPhase_((manager) => lockAccounts(manager, accountIds))
  }

  /** The accounts with these ids (any number, unknown ids left out), in id order. */
  async retrieveMany(ids: string[]): Promise<ValueAccountDTO[]> {
    const unique = [...new Set(ids)]
    if (!unique.length) {
      return []
    }
    const rows = await this.activeManager_.query(`SELECT * FROM value_account WHERE id = ANY($1) ORDER BY id`, [unique])
    return rows.map(toAccountDTO)
  }

  /** Which of these idempotency keys a transaction already carries. */
  async usedIdempotencyKeys(keys: string[]): Promise<Set<string>> {
    const unique = [...new Set(keys)]
    if (!unique.length) {
      return new Set()
    }
    const rows: { idempotency_key: string }[] = await this.activeManager_.query(
      `SELECT idempotency_key FROM ledger_transaction WHERE idempotency_key = ANY($1)`,
      [unique]
    )
    return new Set(rows.map((r) => r.idempotency_key))
  }

  /** Whether any transaction carries an idempotency key starting with `prefix` (e.g. `gift-card:return:ret_1:`). */
  async hasIdempotencyKeyPrefix(prefix: string): Promise<boolean> {
    const [row] = await this.activeManager_.query(`SELECT 1 FROM ledger_transaction WHERE left(idempotency_key, length($1)) = $1 LIMIT 1`, [prefix])
    return Boolean(row)
  }

  /**
   * What the debits of one type with keys starting with `prefix` took, per
   * account (one order's voucher payments: `web:<order>:`), and what the
   * accounts have had back since: the reversals of those debits plus the
   * credits of type `adjust` whose metadata holds `refunds` (`{ refund_of_order: id }`).
   * Accounts that expire last come first (no expiry first), then by id.
   */
  async debitsByKeyPrefix(
    prefix: string,
    type: DebitType,
    refunds: { key: string; value: string }
  ): Promise<{ account_id: string; status: AccountStatus; expires_at: Date | null; taken: number; returned: number; debit_ids: string[] }[]> {
    const rows: { account_id: string; taken: string; returned: string; status: AccountStatus; expires_at: Date | null; debit_ids: string[] }[] =
      await this.activeManager_.query(
        `SELECT a.id AS account_id, a.status, a.expires_at, array_agg(t.id ORDER BY t.seq) AS debit_ids,
                SUM(-t.amount)::text AS taken,
                (COALESCE(SUM(r.amount), 0) + COALESCE((
                   SELECT SUM(x.amount) FROM ledger_transaction x
                    WHERE x.account_id = a.id AND x.type = 'adjust' AND x.metadata->>$3 = $4), 0))::text AS returned
           FROM ledger_transaction t
           JOIN value_account a ON a.id = t.account_id
           LEFT JOIN ledger_transaction r ON r.reverses_id = t.id
          WHERE left(t.idempotency_key, length($1)) = $1 AND t.type = $2
          GROUP BY a.id, a.status, a.expires_at
          ORDER BY a.expires_at DESC NULLS FIRST, a.id`,
        [prefix, type, refunds.key, refunds.value]
      )
    return rows.map((r) => ({ ...r, taken: toSafeInteger(r.taken), returned: toSafeInteger(r.returned) }))
  }

  /** What the not reversed debits of `type` on the account whose metadata holds `metadata` (`{ sale: key }`) took together. */
  async unreversedDebitTotal(accountId: string, type: DebitType, metadata: { key: string; value: string }): Promise<number> {
    const [{ total }] = await this.activeManager_.query(
      `SELECT COALESCE(SUM(-t.amount), 0)::text AS total FROM ledger_transaction t
        WHERE t.account_id = $1 AND t.type = $2 AND t.metadata->>$3 = $4
          AND NOT EXISTS (SELECT 1 FROM ledger_transaction r WHERE r.reverses_id = t.id)`,
      [accountId, type, metadata.key, metadata.value]
    )
    return toSafeInteger(total)
  }

  /**
   * The movements of every account of `kind` in [from, to) per calendar
   * bucket (`day`, `week`, `month` in `time_zone`), optionally of one customer:
   * what was put on, redeemed, expired and taken back (a reversal counts as
   * the kind of what it reverses; taken back = other debits). Every bucket of
   * the period is listed, empty ones with zeros.
   */
  async movementBuckets(input: {
    kind: AccountKind
    from: Date
    to: Date
    interval: "day" | "week" | "month"
    time_zone: string
    customer_id?: string | null
  }): Promise<{ start: string; issued: number; redeemed: number; expired: number; taken_back: number }[]> {
    const rows: Record<string, unknown>[] = await this.activeManager_.query(
      `WITH tx AS (
         SELECT date_trunc($3, t.created_at AT TIME ZONE $4) AS bucket, t.amount,
                COALESCE(o.type, t.type) AS kind, COALESCE(o.amount, t.amount) AS original
           FROM ledger_transaction t
           JOIN value_account a ON a.id = t.account_id AND a.kind = $6
           LEFT JOIN ledger_transaction o ON t.type = 'reverse' AND o.id = t.reverses_id
          WHERE t.created_at >= $1 AND t.created_at < $2 AND t.amount <> 0
            AND ($5::varchar IS NULL OR a.customer_id = $5)
       )
       SELECT to_char(b.bucket, 'YYYY-MM-DD') AS start,
              COALESCE(sum(tx.amount) FILTER (WHERE tx.kind NOT IN ('redeem', 'expire') AND tx.original > 0), 0)::bigint AS issued,
              COALESCE(-sum(tx.amount) FILTER (WHERE tx.kind = 'redeem'), 0)::bigint AS redeemed,
              COALESCE(-sum(tx.amount) FILTER (WHERE tx.kind = 'expire'), 0)::bigint AS expired,
              COALESCE(-sum(tx.amount) FILTER (WHERE tx.kind NOT IN ('redeem', 'expire') AND tx.original < 0), 0)::bigint AS taken_back
         FROM generate_series(date_trunc($3, $1::timestamptz AT TIME ZONE $4),
                              ($2::timestamptz - interval '1 microsecond') AT TIME ZONE $4,
                              ('1 ' || $3)::interval) AS b(bucket)
         LEFT JOIN tx ON tx.bucket = b.bucket
        GROUP BY b.bucket
        ORDER BY b.bucket`,
      [input.from, input.to, input.interval, input.time_zone, input.customer_id ?? null, input.kind]
    )
    return rows.map((r) => ({
      start: r.start as string,
      issued: toSafeInteger(r.issued as string),
      redeemed: toSafeInteger(r.redeemed as string),
      expired: toSafeInteger(r.expired as string),
      taken_back: toSafeInteger(r.taken_back as string),
    }))
  }

  /**
   * Undoes a transaction with a new one of type `reverse` and the opposite
   * amount. Reversing it again returns the first reversal with
   * `already_reversed: true` and changes nothing. Works on blocked accounts too.
   * Runs under the account's row lock (`lock`), the same one every change
   * of the account and every refund decision takes. Who may reverse what is
   * the caller's rule (a till: see the POS reverse route).
   */
  async reverse(
    transactionId: string,
    ctx: TransactionContext = {}
  ): Promise<{ account: ValueAccountDTO; transaction: LedgerTransactionDTO; already_reversed: boolean }> {
    return this.atomicPhase_(async (manager) => {
      const [original] = await manager.query(`SELECT * FROM ledger_transaction WHERE id = $1`, [transactionId])
      if (!original) {
        throw new DomainError("not_found", `Transaction ${transactionId} was not found`, 404)
      }
      const tx = toTransactionDTO(original)
      if (tx.type === "reverse") {
        throw new DomainError("not_reversible", "A reversal cannot itself be reversed; record a new transaction instead", 422)
      }
      if (tx.amount === 0) {
        throw new DomainError("not_reversible", `A ${tx.type} entry changes no balance and cannot be reversed`, 422)
      }
      // The account's row lock serialises reversals of its transactions.
      await lockAccount(manager, tx.account_id)
      const [existing] = await manager.query(`SELECT * FROM ledger_transaction WHERE reverses_id = $1`, [tx.id])
      if (existing) {
        return { account: await this.withTransaction(manager).retrieve(tx.account_id), transaction: toTransactionDTO(existing), already_reversed: true }
      }
      const { account, transaction } = await this.withTransaction(manager).move_(tx.account_id, -tx.amount, "reverse", {
        ...ctx,
        reference: ctx.reference ?? tx.reference,
        reverses_id: tx.id,
        allow_blocked: true,
      })
      return { account, transaction, already_reversed: false }
    })
  }

  /**
   * Blocks, unblocks or closes an account, recorded in its history as an entry
   * of amount 0 (`block`, `unblock`, `close`). Closing needs a zero balance.
   * Setting the status it already has changes nothing.
   */
  async setStatus(accountId: string, status: AccountStatus, ctx: TransactionContext = {}): Promise<ValueAccountDTO> {
    return this.atomicPhase_(async (manager) => {
      const current = toAccountDTO(await lockAccount(manager, accountId))
      if (current.status === status) {
        return current
      }
      if (current.status === "closed") {
        throw new DomainError("account_closed", `Account ${accountId} is closed`, 409)
      }
      if (status === "closed" && current.balance !== 0) {
        throw new DomainError("balance_not_zero", `Account ${accountId} still holds ${current.balance}; it can be closed at 0 only`, 422)
      }
      const [row] = await manager.query(
        `WITH account AS (
           UPDATE value_account SET status = $2, updated_at = now() WHERE id = $1 RETURNING *
         ), entry AS (
           INSERT INTO ledger_transaction
             (id, account_id, type, amount, balance_after, currency_code, reference, location_id, terminal_id, staff_id, metadata)
           SELECT $3, id, $4, 0, balance, currency_code, $5, $6, $7, $8, $9 FROM account
           RETURNING id
         )
         SELECT row_to_json(account) AS account FROM account, entry`,
        [accountId, status, newEntityId("ltx"), STATUS_ACTIVITY[status], ...attribution(ctx)]
      )
      return toAccountDTO(row.account)
    })
  }

  /**
   * Records an activity that moves no money (amount 0, e.g. `activate` when a
   * pre-printed card is sold), so the account's history shows it.
   */
  async recordActivity(accountId: string, type: Extract<TransactionType, "activate">, ctx: TransactionContext = {}): Promise<LedgerTransactionDTO> {
    return this.atomicPhase_(async (manager) => {
      await lockAccount(manager, accountId)
      const [row] = await manager.query(
        `INSERT INTO ledger_transaction
           (id, account_id, type, amount, balance_after, currency_code, reference, location_id, terminal_id, staff_id, metadata)
         SELECT $2, id, $3, 0, balance, currency_code, $4, $5, $6, $7, $8 FROM value_account WHERE id = $1
         RETURNING *`,
        [accountId, newEntityId("ltx"), type, ...attribution(ctx)]
      )
      return toTransactionDTO(row)
    })
  }

  /**
   * Sets the lower bound (−credit limit). Refused (422) when the balance is
   * already below the new bound: lower the debt first.
   */
  async setLowerBound(accountId: string, lowerBound: number): Promise<ValueAccountDTO> {
    if (!Number.isSafeInteger(lowerBound) || lowerBound > 0) {
      throw new DomainError("invalid_amount", "lower_bound: must be 0 or a negative integer (−credit limit)", 400)
    }
    return this.atomicPhase_(async (manager) => {
      const [rows] = await manager.query(
        `UPDATE value_account SET lower_bound = $2, updated_at = now() WHERE id = $1 AND balance >= $2 RETURNING *`,
        [accountId, lowerBound]
      )
      if (rows[0]) {
        return toAccountDTO(rows[0])
      }
      const account = await this.withTransaction(manager).retrieve(accountId)
      throw new DomainError(
        "limit_below_balance",
        `The balance ${account.balance} is below ${lowerBound}; the limit cannot be set below the current debt`,
        422
      )
    })
  }

  /** Sets or clears the instant after which what is left may be expired. */
  async setExpiry(accountId: string, expiresAt: Date | null): Promise<ValueAccountDTO> {
    return this.atomicPhase_(async (manager) => {
      const [rows] = await manager.query(
        `UPDATE value_account SET expires_at = $2, updated_at = now() WHERE id = $1 RETURNING *`,
        [accountId, expiresAt]
      )
      if (!rows[0]) {
        throw new DomainError("not_found", `Account ${accountId} was not found`, 404)
      }
      return toAccountDTO(rows[0])
    })
  }

  /** Links an anonymous account to a customer (or unlinks it with null). */
  async setCustomer(accountId: string, customerId: string | null): Promise<ValueAccountDTO> {
    return this.atomicPhase_(async (manager) => {
      const [rows] = await manager.query(
        `UPDATE value_account SET customer_id = $2, updated_at = now() WHERE id = $1 RETURNING *`,
        [accountId, customerId]
      )
      if (!rows[0]) {
        throw new DomainError("not_found", `Account ${accountId} was not found`, 404)
      }
      return toAccountDTO(rows[0])
    })
  }

  /** One transaction; `not_found` (404) when unknown. */
  async retrieveTransaction(id: string): Promise<LedgerTransactionDTO> {
    const [row] = await this.activeManager_.query(`SELECT * FROM ledger_transaction WHERE id = $1`, [id])
    if (!row) {
      throw new DomainError("not_found", `Transaction ${id} was not found`, 404)
    }
    return toTransactionDTO(row)
  }

  /** The transaction an idempotency key made, or null. */
  async retrieveByIdempotencyKey(key: string): Promise<LedgerTransactionDTO | null> {
    const [row] = await this.activeManager_.query(`SELECT * FROM ledger_transaction WHERE idempotency_key = $1`, [key])
    return row ? toTransactionDTO(row) : null
  }

  /** An account's transactions, newest first, with the total count. */
  async history(accountId: string, page: Page = {}): Promise<[LedgerTransactionDTO[], number]> {
    const { limit, offset } = pageOf(page)
    const rows = await this.activeManager_.query(
      `SELECT *, count(*) OVER () AS total FROM ledger_transaction WHERE account_id = $1
        ORDER BY seq DESC LIMIT ${limit} OFFSET ${offset}`,
      [accountId]
    )
    const total = rows.length
      ? Number(rows[0].total)
      : await this.count_("WHERE account_id = $1", [accountId], "ledger_transaction")
    return [rows.map(toTransactionDTO), total]
  }

  /** Checks every account against its transactions; see `verifyLedger`. */
  /**
   * Expires what is left on every account of `kind` whose validity ended before
   * `now`: one `expire` transaction per account, keyed so that a repeated or
   * concurrent run expires nothing twice. Blocked accounts expire too.
   */
  async expireDue(kind: AccountKind, now: Date = new Date(), ctx: TransactionContext = {}): Promise<Movement[]> {
    const due: { id: string; expires_at: Date }[] = await this.activeManager_.query(
      `SELECT id, expires_at FROM value_account
        WHERE kind = $1 AND expires_at <= $2 AND balance > GREATEST(lower_bound, 0) AND status <> 'closed'
        ORDER BY expires_at, id`,
      [kind, now]
    )
    const expired: Movement[] = []
    for (const account of due) {
      const movement = await this.atomicPhase_(async (manager) => {
        const current = toAccountDTO(await lockAccount(manager, account.id))
        const left = current.balance - Math.max(current.lower_bound, 0)
        if (left <= 0 || !current.expires_at || current.expires_at > now) {
          return null
        }
        return this.withTransaction(manager).move_(account.id, -left, "expire", {
          ...ctx,
          idempotency_key: `expire:${account.id}:${current.expires_at.toISOString()}`,
          allow_blocked: true,
          allow_expired: true,
        })
      })
      if (movement && !movement.replayed) {
        expired.push(movement)
      }
    }
    return expired
  }

  /**
   * Sums the movements of every account of `kind` in one currency over
   * [from, to): the balance of all those accounts at `from` (opening) and at
   * `to` (closing), and in between the sum per location and transaction type.
   * closing = opening + the sum of all rows, to the cent.
   */
  async summarize(input: { kind: AccountKind; currency_code: string; from: Date; to: Date }): Promise<LedgerSummary> {
    const params = [input.kind, input.currency_code.toLowerCase(), input.from, input.to]
    const [balances] = await this.activeManager_.query(
      `SELECT COALESCE(SUM(t.amount) FILTER (WHERE t.created_at < $3), 0)::text AS opening,
              COALESCE(SUM(t.amount) FILTER (WHERE t.created_at < $4), 0)::text AS closing
         FROM ledger_transaction t JOIN value_account a ON a.id = t.account_id
        WHERE a.kind = $1 AND a.currency_code = $2`,
      params
    )
    const rows: { location_id: string | null; type: TransactionType; total: string; count: string }[] = await this.activeManager_.query(
      `SELECT t.location_id, t.type, SUM(t.amount)::text AS total, count(*)::text AS count
         FROM ledger_transaction t JOIN value_account a ON a.id = t.account_id
        WHERE a.kind = $1 AND a.currency_code = $2 AND t.created_at >= $3 AND t.created_at < $4 AND t.amount <> 0
        GROUP BY t.location_id, t.type
        ORDER BY t.location_id NULLS FIRST, t.type`,
      params
    )
    return {
      opening: toSafeInteger(balances.opening),
      closing: toSafeInteger(balances.closing),
      movements: rows.map((r) => ({ location_id: r.location_id, type: r.type, amount: toSafeInteger(r.total), count: Number(r.count) })),
    }
  }

  /**
   * Transactions of every account of `kind` in [from, to) (optionally at one
   * location), oldest first, each with the code of the account's current card
   * and its customer: one query, for exports.
   */
  async listTransactions(
    filter: { kind: AccountKind; from?: Date; to?: Date; location_id?: string },
    page: { limit: number; offset?: number }
  ): Promise<(LedgerTransactionDTO & { card_code: string | null; customer_id: string | null })[]> {
    const rows: Record<string, unknown>[] = await this.activeManager_.query(
      `SELECT t.*, a.customer_id AS account_customer_id,
              (SELECT c.code FROM card c WHERE c.account_id = a.id ORDER BY (c.replaced_by_id IS NULL) DESC, c.created_at DESC LIMIT 1) AS card_code
         FROM ledger_transaction t JOIN value_account a ON a.id = t.account_id
        WHERE a.kind = $1
          AND ($2::timestamptz IS NULL OR t.created_at >= $2)
          AND ($3::timestamptz IS NULL OR t.created_at < $3)
          AND ($4::text IS NULL OR t.location_id = $4)
        ORDER BY t.seq
        LIMIT $5 OFFSET $6`,
      [filter.kind, filter.from ?? null, filter.to ?? null, filter.location_id ?? null, page.limit, page.offset ?? 0]
    )
    return rows.map((r) => ({
      ...toTransactionDTO(r),
      card_code: (r.card_code as string | null) ?? null,
      customer_id: (r.account_customer_id as string | null) ?? null,
    }))
  }

  async verify(): Promise<LedgerVerification> {
    return verifyLedger((sql, params) => this.activeManager_.query(sql, params))
  }

  /** Healthy when the ledger tables answer. */
  async health(): Promise<ModuleHealth> {
    await this.activeManager_.query(`SELECT 1 FROM value_account LIMIT 1`)
    return { status: "ok" }
  }

  /**
   * Applies a signed amount: one statement that updates the balance under the
   * row lock, only when the account is usable and the bound holds, and inserts
   * the transaction with the balance after it. When nothing was updated, says why.
   */
  protected async move_(
    accountId: string,
    delta: number,
    type: TransactionType,
    ctx: MovementOptions
  ): Promise<Movement> {
    const key = ctx.idempotency_key ?? null
    assertKey(key)
    return this.atomicPhase_(async (manager) => {
      const moved = await conditionalMove(manager, accountId, delta, type, ctx)
      if (moved) {
        return moved
      }
      if (key !== null) {
        const [done] = await manager.query(`SELECT * FROM ledger_transaction WHERE idempotency_key = $1`, [key])
        if (done) {
          if (done.account_id !== accountId) {
            throw new DomainError("idempotency_conflict", `The key ${key} was used for another account`, 409)
          }
          return { account: await this.withTransaction(manager).retrieve(accountId), transaction: toTransactionDTO(done), replayed: true }
        }
      }
      throw await this.refusal_(manager, accountId, delta)
    })
  }

  /** Why a change was not applied: unknown, blocked, closed, or not enough balance. */
  protected async refusal_(manager: EntityManager, accountId: string, delta: number): Promise<DomainError> {
    const [row] = await manager.query(`SELECT * FROM value_account WHERE id = $1`, [accountId])
    if (!row) {
      return new DomainError("not_found", `Account ${accountId} was not found`, 404)
    }
    const account = toAccountDTO(row)
    if (account.status === "blocked") {
      return new DomainError("account_blocked", "This card or account is blocked", 409)
    }
    if (account.status === "closed") {
      return new DomainError("account_closed", "This account is closed", 409)
    }
    if (delta < 0 && account.expires_at && account.expires_at.getTime() <= Date.now()) {
      return new DomainError("expired", `This card or account expired on ${account.expires_at.toISOString()}`, 422)
    }
    const available = account.balance - account.lower_bound
    if (account.kind === "points") {
      return new DomainError("insufficient_points", `${-delta} points needed, ${available} available`, 409)
    }
    if (account.kind === "customer_account") {
      return new DomainError(
        "credit_limit_exceeded",
        `${-delta} would exceed the credit limit: ${available} ${account.currency_code.toUpperCase()} minor units available`,
        409
      )
    }
    return new DomainError("insufficient_balance", `The balance is ${account.balance}, less than ${-delta}`, 409)
  }

  protected async count_(clause: string, params: unknown[], table = "value_account"): Promise<number> {
    const [{ count }] = await this.activeManager_.query(`SELECT count(*) AS count FROM ${table} ${clause}`, params)
    return Number(count)
  }
}

/**
 * A movement: the balance updated under its row lock only when the account is
 * usable and the bound holds, and the transaction inserted with the balance
 * after it; no row when refused. $1 account, $2 signed amount, $3 usable
 * statuses, $4 id, $5 type, $6 reverses_id, $7 idempotency key, $8-$12
 * attribution, $13 whether an expired account may be debited. `account` is
 * the SQL that names the account ($1, or one the caller's statement finds:
 * see conditionalMoveByCode and movementCtes).
 */
const moveCtes = (account: string): string => `account AS (
     UPDATE value_account SET balance = balance + $2, updated_at = now()
      WHERE id = ${account} AND status = ANY($3) AND ($2 > 0 OR balance + $2 >= lower_bound)
        AND ($2 > 0 OR $13::boolean OR expires_at IS NULL OR expires_at > now())
     RETURNING *
   ), entry AS (
     INSERT INTO ledger_transaction
       (id, account_id, type, amount, balance_after, currency_code, reverses_id, idempotency_key,
        reference, location_id, terminal_id, staff_id, metadata)
     SELECT $4, id, $5, $2, balance, currency_code, $6, $7, $8, $9, $10, $11, $12 FROM account
     RETURNING *
   )`

/**
 * The same movement at most once per idempotency key, still one statement: the
 * row lock first (waiting for a concurrent movement, then seeing its balance),
 * then the transaction, which the unique index on the key lets in only once
 * (a concurrent twin waits for the first to commit, then inserts nothing),
 * then the balance, only when the transaction went in. No row when refused or
 * already done; the caller reads which.
 */
const moveOnceCtes = (account: string): string => `locked AS (
     SELECT id, balance, currency_code FROM value_account
      WHERE id = ${account} AND status = ANY($3) AND ($2 > 0 OR balance + $2 >= lower_bound)
        AND ($2 > 0 OR $13::boolean OR expires_at IS NULL OR expires_at > now())
      FOR UPDATE
   ), entry AS (
     INSERT INTO ledger_transaction
       (id, account_id, type, amount, balance_after, currency_code, reverses_id, idempotency_key,
        reference, location_id, terminal_id, staff_id, metadata)
     SELECT $4, id, $5, $2, balance + $2, currency_code, $6, $7, $8, $9, $10, $11, $12 FROM locked
     ON CONFLICT (idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
     RETURNING *
   ), account AS (
     UPDATE value_account a SET balance = a.balance + $2, updated_at = now()
       FROM entry WHERE a.id = entry.account_id
     RETURNING a.*
   )`

/** The movement's answer: the account after it and its transaction (no row when nothing moved). */
const MOVED = "SELECT row_to_json(account) AS account, row_to_json(entry) AS transaction FROM account, entry"
const MOVE = `WITH ${moveCtes("$1")} ${MOVED}`
const MOVE_ONCE = `WITH ${moveOnceCtes("$1")} ${MOVED}`

/**
 * Takes the row locks of these accounts in primary-key order (so two callers
 * locking overlapping sets cannot deadlock) for the rest of the caller's
 * transaction, and returns them as they are under the lock. The lock every
 * movement, reversal, status change and expiry of an account takes.
 * `not_found` (404) when one is unknown.
 */
export async function lockAccounts(manager: EntityManager, accountIds: string[]): Promise<ValueAccountDTO[]> {
  const ids = [...new Set(accountIds)].sort()
  if (!ids.length) {
    return []
  }
  const rows: Record<string, unknown>[] = await manager.query(`SELECT * FROM value_account WHERE id = ANY($1) ORDER BY id FOR UPDATE`, [ids])
  if (rows.length !== ids.length) {
    const missing = ids.find((id) => !rows.some((r) => r.id === id))
    throw new DomainError("not_found", `Account ${missing} was not found`, 404)
  }
  return rows.map(toAccountDTO)
}

/** What a conditional movement carries besides its account, amount and type. */
export type MovementOptions = TransactionContext & { reverses_id?: string; allow_blocked?: boolean; allow_expired?: boolean }

/**
 * The conditional movement, in the caller's transaction: one statement that
 * changes the balance by `delta` under the row lock only when the account is
 * usable (active; blocked too with `allow_blocked`), not expired for a debit
 * (unless `allow_expired`) and the lower bound holds, and inserts the
 * transaction with the balance after it; with an `idempotency_key` at most
 * once. Null when nothing was applied (refused, or the key already used):
 * `ValueAccountService.credit`/`debit` say why.
 */
export async function conditionalMove(manager: EntityManager, accountId: string, delta: number, type: TransactionType, ctx: MovementOptions = {}): Promise<Movement | null> {
  const key = ctx.idempotency_key ?? null
  const [row] = await manager.query(key === null ? MOVE : MOVE_ONCE, [accountId, ...movementParams(delta, type, ctx)])
  return row ? { account: toAccountDTO(row.account), transaction: toTransactionDTO(row.transaction) } : null
}

/** The card a code names (null: none) and the movement made on its account (null: none, for whatever reason). */
export type MovementByCode = { card: CardSummary | null; movement: Movement | null }

/**
 * conditionalMove on the account of the card a code names, the card lookup in
 * the same statement: applied only when the card is of `kind`, active and its
 * account takes the movement. Without a movement (another kind, a blocked
 * card, `onlyIf` false, the movement refused, the key used) the caller checks
 * the card it answers and moves as usual, which says why; without a card,
 * `CardService.retrieveByCode` gives the answer for the code. `onlyIf` is SQL
 * on the card's row (`card`).
 */
export async function conditionalMoveByCode(
  manager: EntityManager,
  code: string,
  kind: CardKind,
  delta: number,
  type: TransactionType,
  ctx: MovementOptions = {},
  onlyIf = "true"
): Promise<MovementByCode> {
  const byCode = cardByCodeSql(code, 14)
  if (!byCode) {
    return { card: null, movement: null }
  }
  const move = movementCtes(`(SELECT account_id FROM card WHERE kind = $1 AND status = 'active' AND (${onlyIf}))`, kind, delta, type, ctx)
  const [row] = await manager.query(`WITH card AS (${byCode.sql}), ${move.ctes} SELECT (SELECT row_to_json(card) FROM card) AS card, ${move.columns}`, [
    ...move.params,
    ...byCode.params,
  ])
  return { card: row.card ? toCardSummary(row.card) : null, movement: movedOf(row) }
}

/** The parameters $2–$13 of a movement's SQL ($1 is the account, or what the caller's SQL for it reads). */
function movementParams(delta: number, type: TransactionType, ctx: MovementOptions): unknown[] {
  const usable = ctx.allow_blocked ? ["active", "blocked"] : ["active"]
  return [delta, usable, newEntityId("ltx"), type, ctx.reverses_id ?? null, ctx.idempotency_key ?? null, ...attribution(ctx), ctx.allow_expired === true]
}

/**
 * A conditional movement (as conditionalMove, at most once per idempotency key
 * when it has one) inside a caller's own statement, so that the caller's work
 * and the movement it decides are one round trip. `account` is the caller's SQL
 * that names the account (or none: then nothing moves); it may read the
 * caller's CTEs and reads `$1`, whose value is `accountParam`. `ctes` follow
 * the caller's own (after a comma); `params` are $1–$13 (number the caller's
 * own from $14); `columns` are the answer's `moved_account` and
 * `moved_transaction`, null when nothing moved (refused or the key used: then
 * move as usual, which answers why).
 */
export function movementCtes(
  account: string,
  accountParam: unknown,
  delta: number,
  type: TransactionType,
  ctx: MovementOptions = {}
): { ctes: string; params: unknown[]; columns: string } {
  assertKey(ctx.idempotency_key ?? null)
  return {
    ctes: (ctx.idempotency_key ?? null) === null ? moveCtes(account) : moveOnceCtes(account),
    params: [accountParam, ...movementParams(delta, type, ctx)],
    columns: "(SELECT row_to_json(account) FROM account) AS moved_account, (SELECT row_to_json(entry) FROM entry) AS moved_transaction",
  }
}

/** A movement's answer in movementCtes' columns, null when nothing moved. */
export function movedOf(row: { moved_account: unknown; moved_transaction: unknown }): Movement | null {
  return row.moved_account && row.moved_transaction
    ? { account: toAccountDTO(row.moved_account as Record<string, unknown>), transaction: toTransactionDTO(row.moved_transaction as Record<string, unknown>) }
    : null
}

/** Takes the account's row lock for the rest of the transaction; `not_found` (404) when unknown. */
async function lockAccount(manager: EntityManager, accountId: string): Promise<Record<string, unknown>> {
  const [row] = await manager.query(`SELECT * FROM value_account WHERE id = $1 FOR UPDATE`, [accountId])
  if (!row) {
    throw new DomainError("not_found", `Account ${accountId} was not found`, 404)
  }
  return row
}

function assertKey(key: string | null): void {
  if (key !== null && (key.length === 0 || key.length > MAX_REFERENCE_LENGTH)) {
    throw new DomainError("invalid_request", `idempotency_key: 1 to ${MAX_REFERENCE_LENGTH} characters`, 400)
  }
}

function assertAmount(amount: number): void {
  if (!Number.isSafeInteger(amount) || amount <= 0) {
    throw new DomainError("invalid_amount", "amount: must be a positive integer number of minor units (or points)", 400)
  }
}

/** reference, location, terminal, staff, metadata: the last five parameters of an entry. */
function attribution(ctx: TransactionContext): unknown[] {
  const reference = ctx.reference ? ctx.reference.slice(0, MAX_REFERENCE_LENGTH) : null
  return [reference, ctx.location_id ?? null, ctx.terminal_id ?? null, ctx.staff_id ?? null, ctx.metadata ?? null]
}
