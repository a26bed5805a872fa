import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"
import type { EntityManager } from "typeorm"
import { z } from "zod"

import { adminUserIdOf, DomainError, parseBody } from "@customer-modules/core"

import { MAX_IDEMPOTENCY_KEY_LENGTH, PosAnswer, runIdempotent, toRefusal } from "./pos-route"

export type AdminMutationOptions<S extends z.ZodTypeAny> = {
  body: S
  /**
   * Money routes (sell, reload, top-up, refund, payments…): refuse a call
   * without an `Idempotency-Key` (400 `idempotency_key_missing`), so that a
   * double click or a retry can never book twice.
   */
  requireKey?: boolean
  /** Does the work with `manager` (one transaction) and answers status and body; `idempotency_key` is the caller's key, if sent. */
  handler: (req: MedusaRequest, manager: EntityManager, body: z.infer<S>, ctx: { idempotency_key: string | null }) => Promise<PosAnswer>
}

/**
 * An admin POST that is idempotent when the caller sends an `Idempotency-Key`
 * (scripts, integrations, a double-clicked button): the same key and body
 * return the first answer and change nothing, another body is 409
 * `idempotency_conflict` — the same rules as the POS routes, keyed per admin
 * user. Without the header the work simply runs in one transaction, unless
 * the route moves money (`requireKey`): then it is refused.
 */
export function adminMutation<S extends z.ZodTypeAny>(opts: AdminMutationOptions<S>) {
  return async (req: MedusaRequest, res: MedusaResponse): Promise<void> => {
    try {
      await run(req, res)
    } catch (e) {
      // Refusals (idempotency conflicts, busy cards, domain errors) answer `{ type, message }`.
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

  async function run(req: MedusaRequest, res: MedusaResponse): Promise<void> {
    const body = parseBody(opts.body, req.body)
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
      const answer = await req.scope.resolve<EntityManager>("manager").transaction((tx) => opts.handler(req, tx, body, { idempotency_key: null }))
      res.status(answer.status).json(answer.body)
      return
    }
    const { answer, replayed } = await runIdempotent(req, {
      storedKey: `admin:${adminUserIdOf(req) ?? "unknown"}:${clientKey}`,
      params: req.body ?? {},
      run: (manager) => opts.handler(req, manager, body, { idempotency_key: clientKey }),
    })
    if (replayed) {
      res.setHeader("Idempotent-Replayed", "true")
    }
    res.status(answer.status).json(answer.body)
  }
}
