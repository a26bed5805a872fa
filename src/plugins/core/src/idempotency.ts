import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"
import { QueryFailedError } from "typeorm"
import type { EntityManager } from "typeorm"

import { DomainError, isDomainError, isUnavailable, UNAVAILABLE_MESSAGE, UNAVAILABLE_RETRY_AFTER_S } from "./errors"
import { newEntityId } from "./utils/entity-id"
import { sqlLiteral as lit } from "./utils/sql-literal"

/**
 * The Idempotency-Key semantics every mutating route of ours shares (POS, admin,
 * public): the work and its answer stored in Medusa's `idempotency_key` table in one
 * transaction; the same key and body replay the first answer to the byte, another
 * body is 409 `idempotency_conflict`; refusals answered as `{ type, message }`.
 * `posRoute` (pos) requires a key; `adminMutation` and `publicRoute` take it optionally.
 */

/** What a route handler answers: status and JSON body. */
export type RouteAnswer = { status: number; body: unknown }

/** Longest Idempotency-Key accepted from a client. */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 200

const SAVEPOINT = "route_handler"
/** How long a call waits for a card's row lock before answering 409 account_busy (retryable, not stored). */
const LOCK_TIMEOUT_MS = 2000
const LOCK_NOT_AVAILABLE = "55P03"

/** A refusal answered as `{ type, message }` with its status. */
export class Refusal {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly message: string,
    readonly headers: Record<string, string> = {}
  ) {}

  answer(): RouteAnswer {
    return { status: this.status, body: { type: this.type, message: this.message } }
  }

  /** A final answer is remembered for its Idempotency-Key; "try again later" (429, busy) is not. */
  get final(): boolean {
    return this.status !== 429 && this.status !== 503 && this.type !== "account_busy"
  }
}

/** The part of node-postgres' client that the combined statements use (simple protocol: several statements, one result each). */
type PgClient = { query(sql: string): Promise<{ rows: Record<string, unknown>[] }[]> }
/** TypeORM's query-runner state, kept in step with the transaction opened and committed by hand below. */
type RunnerState = { isTransactionActive: boolean; transactionDepth: number }

/** A key's stored request, and whether the body is the same as this one's. */
type StoredKey = {
  request_method: string
  request_path: string
  recovery_point: string
  response_code: number | null
  response_body: unknown
  same_params: boolean
}

const STORED_KEY_SQL = `SELECT request_method, request_path, recovery_point, response_code, response_body,
        request_params = $2::jsonb AS same_params
   FROM idempotency_key WHERE idempotency_key = $1`

/** The stored answer for a key already used: replayed for the same request, else 409. */
function replayOf(row: StoredKey | undefined, method: string, path: string): { answer: RouteAnswer; replayed: true } {
  if (!row || row.request_method !== method || row.request_path !== path || !row.same_params) {
    throw new Refusal(409, "idempotency_conflict", "This Idempotency-Key was already used for another request; use a new key for a new request")
  }
  if (row.recovery_point !== "finished" || row.response_code === null) {
    throw new Refusal(409, "idempotency_conflict", "A request with this Idempotency-Key is still in progress")
  }
  return { answer: { status: row.response_code, body: row.response_body }, replayed: true }
}

/** What a key is stored with: the request's path (no query) and its parameters as JSON, and the manager. */
function requestOf(req: MedusaRequest, params: unknown): { manager: EntityManager; path: string; params: string } {
  return { manager: req.scope.resolve<EntityManager>("manager"), path: req.originalUrl.split("?")[0], params: JSON.stringify(params) }
}

/** A claim older than this whose request never finished (the process died) may be taken over by a retry. */
const STALE_CLAIM_S = 600
/** How long a duplicate waits for the first request with its key to finish, and how often it looks. */
const WAIT_FOR_FIRST_MS = 15_000
const POLL_MS = 50

/**
 * The Idempotency-Key for work done in the services' own transactions (see
 * `outside` of runWithOptionalKey): the key is claimed in a statement of its
 * own (committed at once), the work runs without a connection held for it, and
 * the answer is stored after. A duplicate meanwhile waits for the first and
 * replays its answer (409 "still in progress" after WAIT_FOR_FIRST_MS); work
 * that failed with a bug or an outage releases the key for a retry; a claim
 * whose process died is taken over after STALE_CLAIM_S.
 */
export async function runIdempotentOutside(
  req: MedusaRequest,
  opts: { storedKey: string; params: unknown; run: (manager: EntityManager) => Promise<RouteAnswer> }
): Promise<{ answer: RouteAnswer; replayed: boolean }> {
  const { manager, path, params } = requestOf(req, opts.params)
  const id = newEntityId("ikey")
  const claim = async (): Promise<boolean> =>
    (
      await manager.query(
        `INSERT INTO idempotency_key (id, idempotency_key, request_method, request_params, request_path, recovery_point)
         VALUES ($1, $2, $3, $4::jsonb, $5, 'started')
         ON CONFLICT (idempotency_key) DO UPDATE
            SET id = EXCLUDED.id, request_method = EXCLUDED.request_method, request_params = EXCLUDED.request_params,
                request_path = EXCLUDED.request_path, created_at = now()
          WHERE idempotency_key.recovery_point = 'started' AND idempotency_key.created_at < now() - interval '${STALE_CLAIM_S} seconds'
         RETURNING id`,
        [id, opts.storedKey, req.method, params, path]
      )
    ).length > 0
  // A duplicate waits for the first (polling, no connection held) and replays its answer, as in one transaction.
  const deadline = Date.now() + WAIT_FOR_FIRST_MS
  while (!(await claim())) {
    const [row]: StoredKey[] = await manager.query(STORED_KEY_SQL, [opts.storedKey, params])
    const running = row?.recovery_point === "started" && row.request_method === req.method && row.request_path === path && row.same_params
    if (row && (!running || Date.now() >= deadline)) {
      return replayOf(row, req.method, path)
    }
    // Still running (or just released after a failure: claim again).
    await new Promise((resolve) => setTimeout(resolve, POLL_MS))
  }
  let answer: RouteAnswer
  try {
    answer = await opts.run(manager)
  } catch (e) {
    const refusal = toRefusal(e)
    if (!refusal || !refusal.final) {
      await manager.query(`DELETE FROM idempotency_key WHERE id = $1`, [id]).catch(() => undefined)
      throw e
    }
    answer = refusal.answer()
  }
  // TypeORM answers an UPDATE as [rows, count].
  const [rows]: [{ response_body: unknown }[], number] = await manager.query(
    `UPDATE idempotency_key SET response_code = $2, response_body = $3::jsonb, recovery_point = 'finished' WHERE id = $1 RETURNING response_body`,
    [id, answer.status, JSON.stringify(answer.body ?? null)]
  )
  // The first caller gets the body as stored (jsonb orders keys its own way), so a retry's replay is the same to the byte.
  return { answer: { status: answer.status, body: rows[0]?.response_body ?? answer.body }, replayed: false }
}

/**
 * Runs the work guarded by Medusa's idempotency_key table in one transaction.
 * A duplicate that arrives while the first is running blocks on the unique
 * index until the first commits, then replays its stored answer.
 *
 * Round trips: one that opens the transaction, bounds lock waits, claims the
 * key and sets the savepoint; the handler's own; one that stores the answer
 * and commits. The first and last are several statements sent as one simple
 * query, so their values are escaped literals rather than parameters.
 */
export async function runIdempotent(
  req: MedusaRequest,
  opts: { storedKey: string; params: unknown; run: (manager: EntityManager) => Promise<RouteAnswer> }
): Promise<{ answer: RouteAnswer; replayed: boolean }> {
  const { manager, path, params } = requestOf(req, opts.params)
  const runner = manager.connection.createQueryRunner()
  const state = runner as unknown as RunnerState
  const simple = async (sql: string) => {
    try {
      return await ((await runner.connect()) as PgClient).query(sql)
    } catch (e) {
      throw new QueryFailedError(sql, undefined, e as Error)
    }
  }

  try {
    const id = newEntityId("ikey")
    // From here TypeORM treats the runner as inside a transaction (so a nested save() opens a savepoint, not a second transaction).
    state.isTransactionActive = true
    state.transactionDepth = 1
    // A card's row may be locked by a web checkout completing: wait a little, never long
    // enough to starve the connection pool the checkout itself needs.
    const opened = await simple(
      `START TRANSACTION;
       SET LOCAL lock_timeout = '${LOCK_TIMEOUT_MS}ms';
       INSERT INTO idempotency_key (id, idempotency_key, request_method, request_params, request_path, recovery_point)
       VALUES (${lit(id)}, ${lit(opts.storedKey)}, ${lit(req.method)}, ${lit(params)}::jsonb, ${lit(path)}, 'started')
       ON CONFLICT (idempotency_key) DO NOTHING
       RETURNING id;
       SAVEPOINT ${SAVEPOINT}`
    )
    const tx = runner.manager

    if (!opened[2].rows.length) {
      const [row]: StoredKey[] = await tx.query(STORED_KEY_SQL, [opts.storedKey, params])
      await runner.rollbackTransaction()
      return replayOf(row, req.method, path)
    }

    let answer: RouteAnswer
    try {
      answer = await opts.run(tx)
    } catch (e) {
      const refusal = toRefusal(e)
      // A throttled or busy call is no answer to remember: the whole transaction goes, key included.
      if (!refusal || !refusal.final) {
        throw e
      }
      await tx.query(`ROLLBACK TO SAVEPOINT ${SAVEPOINT}`)
      answer = refusal.answer()
    }
    if (!Number.isInteger(answer.status) || answer.status < 100 || answer.status > 599) {
      throw new Error(`The handler answered the status ${String(answer.status)}`)
    }
    // The first caller gets the body as stored (jsonb orders keys its own way), so
    // a retry's replay is the same to the byte.
    const stored = await simple(
      `UPDATE idempotency_key
          SET response_code = ${answer.status}, response_body = ${lit(JSON.stringify(answer.body ?? null))}::jsonb, recovery_point = 'finished'
        WHERE id = ${lit(id)}
        RETURNING response_body;
       COMMIT`
    )
    state.isTransactionActive = false
    state.transactionDepth = 0
    return { answer: { status: answer.status, body: stored[0].rows[0].response_body }, replayed: false }
  } catch (e) {
    if (state.isTransactionActive) {
      state.transactionDepth = 1
      await runner.rollbackTransaction().catch(() => undefined)
    }
    throw e
  } finally {
    await runner.release()
  }
}

const MEDUSA_ERRORS: Record<string, { status: number; type: string }> = {
  not_found: { status: 404, type: "not_found" },
  invalid_data: { status: 400, type: "invalid_request" },
  invalid_argument: { status: 400, type: "invalid_request" },
  not_allowed: { status: 422, type: "not_allowed" },
  duplicate_error: { status: 409, type: "duplicate" },
  conflict: { status: 409, type: "conflict" },
  unauthorized: { status: 401, type: "unauthorized" },
}

/** A DomainError (or a MedusaError of a known type) as the answer it stands for; null for a bug. */
export function toRefusal(e: unknown): Refusal | null {
  if (e instanceof Refusal) {
    return e
  }
  const driverError = (e as { driverError?: { code?: string } })?.driverError
  if ((driverError ?? (e as { code?: string }))?.code === LOCK_NOT_AVAILABLE) {
    return new Refusal(409, "account_busy", "This card is being used by another payment right now; try again in a moment", {
      "Retry-After": "1",
    })
  }
  if (isUnavailable(e)) {
    return new Refusal(503, "service_unavailable", UNAVAILABLE_MESSAGE, { "Retry-After": String(UNAVAILABLE_RETRY_AFTER_S) })
  }
  if (isDomainError(e)) {
    return new Refusal(e.status, e.type, e.message)
  }
  const medusa = e as { __isMedusaError?: boolean; type?: string; message?: string }
  if (medusa?.__isMedusaError && medusa.type && MEDUSA_ERRORS[medusa.type]) {
    const mapped = MEDUSA_ERRORS[medusa.type]
    return new Refusal(mapped.status, mapped.type, medusa.message ?? mapped.type)
  }
  return null
}

/** A route whose refusals (domain errors, idempotency conflicts, busy rows, outages) answer `{ type, message }` with their headers; anything else is a bug for Medusa's error handler. */
export function answeringRefusals(run: (req: MedusaRequest, res: MedusaResponse) => Promise<void>) {
  return async (req: MedusaRequest, res: MedusaResponse): Promise<void> => {
    try {
      await run(req, res)
    } catch (e) {
      const refusal = toRefusal(e)
      if (!refusal) {
        throw e
      }
      const answer = refusal.answer()
      for (const [name, value] of Object.entries(refusal.headers)) {
        res.setHeader(name, value)
      }
      res.status(answer.status).json(answer.body)
    }
  }
}

/**
 * Runs a mutation with the POS Idempotency-Key semantics where the key is
 * optional (admin, public routes): with a key the same key and body replay the
 * first answer and another body is 409; without one the work runs in one
 * transaction, unless `requireKey` (400 `idempotency_key_missing`).
 */
export async function runWithOptionalKey(
  req: MedusaRequest,
  res: MedusaResponse,
  opts: {
    scope: string
    requireKey?: boolean
    /**
     * The work writes in the services' own transactions, not in one of the
     * wrapper's (an outbox row its worker must find committed, batches of a
     * schedule run): no connection is held for the request while it runs (ten
     * such calls at once must not take the whole pool and then wait for an
     * eleventh connection), and `run` gets the plain manager.
     */
    outside?: boolean
    run: (manager: EntityManager, key: string | null) => Promise<RouteAnswer>
  }
): Promise<void> {
  const clientKey = (req.get("idempotency-key") ?? "").trim()
  if (clientKey.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
    throw new DomainError("invalid_request", `Idempotency-Key: at most ${MAX_IDEMPOTENCY_KEY_LENGTH} characters`, 400)
  }
  if (!clientKey && opts.requireKey) {
    throw new DomainError(
      "idempotency_key_missing",
      `Send an Idempotency-Key header (1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} characters), the same for a retry of this request and a new one for the next`,
      400
    )
  }
  if (!clientKey) {
    const manager = req.scope.resolve<EntityManager>("manager")
    const answer = opts.outside ? await opts.run(manager, null) : await manager.transaction((tx) => opts.run(tx, null))
    res.status(answer.status).json(answer.body)
    return
  }
  const { answer, replayed } = await (opts.outside ? runIdempotentOutside : runIdempotent)(req, {
    storedKey: `${opts.scope}:${clientKey}`,
    params: req.body ?? {},
    run: (manager) => opts.run(manager, clientKey),
  })
  if (replayed) {
    res.setHeader("Idempotent-Replayed", "true")
  }
  res.status(answer.status).json(answer.body)
}
