import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"
import type { EntityManager } from "typeorm"
import { z } from "zod"

import { adminUserIdOf, DomainError, parseBody } from "@customer-modules/core"

import { MAX_IDEMPOTENCY_KEY_LENGTH, PosAnswer, runIdempotent, toRefusal } from "./pos-route"

export type AdminMutationOptions<S extends z.ZodTypeAny> = {
  body: S
  /** Does the work with `manager` (one transaction) and answers status and body. */
  handler: (req: MedusaRequest, manager: EntityManager, body: z.infer<S>) => Promise<PosAnswer>
}

/**
 * An admin POST that is idempotent when the caller sends an `Idempotency-Key`
 * (scripts, integrations, a double-clicked button): the same key and body
 * return the first answer and change nothing, another body is 409
 * `idempotency_conflict` — the same rules as the POS routes, keyed per admin
 * user. Without the header the work simply runs in one transaction.
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
    if (!clientKey) {
      const answer = await req.scope.resolve<EntityManager>("manager").transaction((tx) => opts.handler(req, tx, body))
      res.status(answer.status).json(answer.body)
      return
    }
    const { answer, replayed } = await runIdempotent(req, {
      storedKey: `admin:${adminUserIdOf(req) ?? "unknown"}:${clientKey}`,
      params: req.body ?? {},
      run: (manager) => opts.handler(req, manager, body),
    })
    if (replayed) {
      res.setHeader("Idempotent-Replayed", "true")
    }
    res.status(answer.status).json(answer.body)
  }
}
