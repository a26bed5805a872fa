import { createHash } from "crypto"

import type { MedusaRequest } from "@medusajs/medusa"
import type { EntityManager } from "typeorm"
import { z } from "zod"

import { answeringRefusals, runWithOptionalKey } from "./idempotency"
import type { RouteAnswer } from "./idempotency"
import { adminUserIdOf } from "./request"
import { parseBody } from "./schemas"


export type AdminMutationOptions<S extends z.ZodTypeAny> = {
  body: S
  /**
   * Money routes (sell, reload, top-up, refund, payments…): refuse a call
   * without an `Idempotency-Key` (400 `idempotency_key_missing`), so that a
   * double click or a retry can never book twice.
   */
  requireKey?: boolean
  /**
   * The handler does its writes in the services' own transactions and takes
   * no `manager` (a mail or document enqueue, whose worker must find the row
   * committed; a schedule run in batches): the wrapper then holds no database
   * connection while it runs, and with a key claims it first and stores the
   * answer after (decision 178).
   */
  ownTransactions?: boolean
  /** Does the work with `manager` (one transaction) and answers status and body; `idempotency_key` is the caller's key, if sent. */
  handler: (req: MedusaRequest, manager: EntityManager, body: z.infer<S>, ctx: { idempotency_key: string | null }) => Promise<RouteAnswer>
}

/**
 * An admin POST that is idempotent when the caller sends an `Idempotency-Key`
 * (scripts, integrations, a double-clicked button): the same key and body
 * return the first answer and change nothing, another body is 409
 * `idempotency_conflict` — the same rules as the POS routes, keyed per admin
 * user. Every admin POST/PUT/DELETE of every plugin goes through it (decision 131). Without the header the work simply runs in one transaction, unless
 * the route moves money (`requireKey`): then it is refused.
 */
export function adminMutation<S extends z.ZodTypeAny>(opts: AdminMutationOptions<S>) {
  return answeringRefusals(async (req, res) => {
    const body = parseBody(opts.body, req.body)
    await runWithOptionalKey(req, res, {
      scope: `admin:${adminUserIdOf(req) ?? "unknown"}`,
      requireKey: opts.requireKey,
      outside: opts.ownTransactions,
      run: (manager, key) => opts.handler(req, manager, body, { idempotency_key: key }),
    })
  })
}

/** The longest key a service passes on to the ledger's own guard against a second movement. */
const LEDGER_KEY_LENGTH = 120

/**
 * The caller's Idempotency-Key as the ledger's own guard against a second
 * movement (defence in depth under the wrapper's stored answer): the key
 * itself, or its sha256 when it is longer than a ledger key may be.
 */
export function ledgerKeyOf(key: string | null): string | null {
  return key && key.length > LEDGER_KEY_LENGTH ? createHash("sha256").update(key).digest("hex") : key
}
