import type { Logger, MedusaRequest, MedusaResponse } from "@medusajs/medusa"
import type { EntityManager } from "typeorm"
import { z } from "zod"

import { describeIssues, DomainError, MAX_IDEMPOTENCY_KEY_LENGTH, redactText, redactUrl, Refusal, runIdempotent, sendUncachedJson, toRefusal } from "@customer-modules/core"
import type { RouteAnswer } from "@customer-modules/core"

import type { PosScope } from "./scopes"
import type PosMissLimiterService from "./services/pos-miss-limiter"
import type PosTerminalService from "./services/pos-terminal"
import type StaffService from "./services/staff"
import type { MissSubject } from "./utils/miss-limiter"

/** Who is calling and where: handed to every POS handler. */
export type PosContext = {
  terminal: { id: string; name: string; location_id: string; scopes: PosScope[] }
  /** The staff member whose card came with the call (X-Staff-Card), else null. */
  staff_id: string | null
  /** POST: the transaction the wrapper owns (use it for every query); GET: the plain manager. */
  manager: EntityManager
  /** Spread into the ledger's TransactionContext. */
  tx: { location_id: string; terminal_id: string; staff_id: string | null }
  /** For checks that depend on the data: throws 403 `forbidden` unless the key has one of the scopes. */
  requireScope(scope: PosScope | PosScope[]): void
}

export type PosAnswer = RouteAnswer

export type PosRouteOptions<S extends z.ZodTypeAny> = {
  /** Any one of these scopes; omitted = any valid key. */
  scope?: PosScope | PosScope[]
  /** The body schema (pass a `.strict()` object); POST only. Without it the body must be empty. */
  body?: S
  /**
   * The route takes a `:code`. Documentation only: every POS route counts the
   * misses of its key (see `isMiss`) and answers a blocked key 429.
   */
  codeLookup?: boolean
  handler: (req: MedusaRequest, ctx: PosContext, body: z.infer<S>) => Promise<PosAnswer>
}

const BEARER = /^Bearer\s+(\S+)\s*$/i
const MAX_STAFF_CARD_LENGTH = 128
const EMPTY_BODY = z.object({}).strict()
/** The answer to a key (or, without a valid key, an IP) past its miss limit: the same whatever the code. */
function throttled(retryAfter_s: number): Refusal {
  return new Refusal(429, "too_many_requests", `Too many unknown codes; try again in ${retryAfter_s} s`, {
    "Retry-After": String(retryAfter_s),
  })
}

/**
 * Wraps a POS route handler: terminal key, enumeration defence, scope, staff
 * card, and for POST the Idempotency-Key, body validation and one database
 * transaction that stores the answer together with the work. See POS-API.md.
 */
export function posRoute<S extends z.ZodTypeAny = z.ZodNever>(
  opts: PosRouteOptions<S>
): (req: MedusaRequest, res: MedusaResponse) => Promise<void> {
  const scopes = opts.scope === undefined ? [] : Array.isArray(opts.scope) ? opts.scope : [opts.scope]
  const schema: z.ZodTypeAny = opts.body ?? EMPTY_BODY

  return async (req, res) => {
    const logger = req.scope.resolve<Logger>("logger")
    const terminals = req.scope.resolve<PosTerminalService>("posTerminalService")
    const limiter = req.scope.resolve<PosMissLimiterService>("posMissLimiterService")
    const ip = req.ip ?? null
    let terminalId: string | null = null
    let answer: PosAnswer
    let headers: Record<string, string> = {}

    /** Counts a miss against the subject; the miss that crosses the threshold (and every one after) answers 429 instead. */
    const countMiss = async (subject: MissSubject): Promise<void> => {
      const retryAfter_s = await limiter.miss(subject).catch((e: Error) => {
        logger.warn(`POS miss limiter: ${e.message}`)
        return null
      })
      if (retryAfter_s !== null) {
        throw throttled(retryAfter_s)
      }
    }

    try {
      // (a) the terminal key
      const match = BEARER.exec(req.get("authorization") ?? "")
      // One Redis round trip for a key held in the process: its revocation generation and its miss counter.
      const { terminal, extra: missCounter } = match
        ? await terminals.authenticateReading(match[1], (id) => limiter.counterKeyOf(id))
        : { terminal: null, extra: undefined }
      if (!terminal) {
        // (b) a call without a valid key counts against its client IP (TRUST_PROXY decides which that is)
        const ipBlockedFor_s = ip ? await limiter.retryAfter({ ip }) : null
        if (ipBlockedFor_s !== null) {
          throw throttled(ipBlockedFor_s)
        }
        if (ip) {
          await countMiss({ ip })
        }
        throw new Refusal(401, "unauthorized", "Send a valid, unrevoked terminal key: Authorization: Bearer <key>")
      }
      terminalId = terminal.id

      // (b) a valid key that guessed too many codes waits, whatever it asks; only its own misses count,
      // so tills behind one router (one IP) never block one another
      const blockedFor_s =
        missCounter === undefined || limiter.keyCounterBlocks(missCounter) ? await limiter.retryAfter({ key: terminal.id }) : null
      if (blockedFor_s !== null) {
        throw throttled(blockedFor_s)
      }
      const countKeyMiss = (): Promise<void> => countMiss({ key: terminal.id })

      // (c) the scope
      const requireScope = (wanted: PosScope | PosScope[]): void => {
        const list = Array.isArray(wanted) ? wanted : [wanted]
        if (list.length && !list.some((s) => terminal.scopes.includes(s))) {
          throw new Refusal(403, "forbidden", `This terminal key lacks the scope ${list.join(" or ")}`)
        }
      }
      requireScope(scopes)

      // (d) the staff card, when one was presented
      let staffId: string | null = null
      const staffCard = req.get("x-staff-card")
      if (staffCard !== undefined && staffCard.trim() !== "") {
        const staff =
          staffCard.length <= MAX_STAFF_CARD_LENGTH
            ? await req.scope.resolve<StaffService>("staffService").resolveCard(staffCard)
            : null
        if (!staff) {
          await countKeyMiss()
          throw new Refusal(401, "unknown_staff_card", "The staff card is unknown or revoked")
        }
        staffId = staff.staff_id
      }

      const context = (manager: EntityManager): PosContext => ({
        terminal,
        staff_id: staffId,
        manager,
        tx: { location_id: terminal.location_id, terminal_id: terminal.id, staff_id: staffId },
        requireScope: (wanted) => {
          try {
            requireScope(wanted)
          } catch (e) {
            // A DomainError, so the wrapper rolls back to its savepoint and stores the 403.
            throw new DomainError("forbidden", (e as Refusal).message, 403)
          }
        },
      })

      /** The handler, with unknown codes counted (a route may answer a miss or throw it). */
      const handle = async (manager: EntityManager, body: z.infer<S>): Promise<PosAnswer> => {
        let result: PosAnswer
        try {
          result = await opts.handler(req, context(manager), body)
        } catch (e) {
          const refusal = toRefusal(e)
          if (refusal && isMiss(refusal.answer())) {
            await countKeyMiss()
          }
          throw e
        }
        if (isMiss(result)) {
          await countKeyMiss()
        }
        return result
      }

      if (req.method === "GET" || req.method === "HEAD") {
        // (g) reads: no idempotency, no transaction
        try {
          answer = await handle(req.scope.resolve<EntityManager>("manager"), undefined as z.infer<S>)
        } catch (e) {
          const refusal = toRefusal(e)
          if (!refusal || refusal.status === 429) {
            throw e
          }
          answer = refusal.answer()
        }
      } else {
        // (e) Idempotency-Key and body
        const clientKey = (req.get("idempotency-key") ?? "").trim()
        if (!clientKey) {
          throw new Refusal(400, "idempotency_key_missing", "Send an Idempotency-Key header with every POST")
        }
        if (clientKey.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
          throw new Refusal(400, "invalid_request", `Idempotency-Key: at most ${MAX_IDEMPOTENCY_KEY_LENGTH} characters`)
        }
        const raw = bodyOf(req)
        const parsed = schema.safeParse(raw)
        if (!parsed.success) {
          throw new Refusal(400, "invalid_request", describeIssues(parsed.error))
        }
        // (f) one transaction: the key, the work, the stored answer
        const result = await runIdempotent(req, {
          storedKey: `pos:${terminal.id}:${clientKey}`,
          params: raw,
          run: (manager) => handle(manager, parsed.data as z.infer<S>),
        })
        answer = result.answer
        if (result.replayed) {
          headers["Idempotent-Replayed"] = "true"
        }
      }
    } catch (e) {
      const refusal = toRefusal(e)
      if (refusal) {
        answer = refusal.answer()
        headers = { ...headers, ...refusal.headers }
      } else {
        logger.error(`POS ${req.method} ${redactUrl(req.originalUrl)} failed: ${redactText((e as Error)?.stack ?? String(e))}`)
        answer = { status: 500, body: { type: "internal_error", message: "An internal error occurred" } }
      }
    }

    // (h) note that the terminal was seen
    if (terminalId) {
      terminals.touch(terminalId).catch((e: Error) => logger.warn(`POS terminal touch failed: ${e.message}`))
    }

    sendUncachedJson(res, answer.status, answer.body, headers)
  }
}

/** Answers that tell a guesser "no such code" or "this code exists" without the code being of use to it. */
const MISS_TYPES = new Set(["invalid_code", "code_taken", "unknown_staff_card"])

/**
 * A miss of the enumeration defence: an unknown code or id (404), a mistyped
 * generated code (400 `invalid_code`), an own number already in use (409
 * `code_taken`, on sale, issue and registration), an unknown staff card (401).
 */
function isMiss(answer: PosAnswer): boolean {
  return answer.status === 404 || MISS_TYPES.has((answer.body as { type?: string } | null)?.type ?? "")
}

/** The request body as validated: a missing or empty body counts as `{}`. */
function bodyOf(req: MedusaRequest): unknown {
  const body: unknown = req.body
  if (body === undefined || body === null) {
    return {}
  }
  if (typeof body === "string") {
    if (body.trim() === "") {
      return {}
    }
    throw new Refusal(400, "invalid_json", "Send the body as JSON with Content-Type: application/json")
  }
  return body
}
