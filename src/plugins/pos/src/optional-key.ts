import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"
import type { EntityManager } from "typeorm"

import { DomainError } from "@customer-modules/core"

import { MAX_IDEMPOTENCY_KEY_LENGTH, PosAnswer, runIdempotent, toRefusal } from "./pos-route"

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
  opts: { scope: string; requireKey?: boolean; run: (manager: EntityManager, key: string | null) => Promise<PosAnswer> }
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
    const answer = await req.scope.resolve<EntityManager>("manager").transaction((tx) => opts.run(tx, null))
    res.status(answer.status).json(answer.body)
    return
  }
  const { answer, replayed } = await runIdempotent(req, {
    storedKey: `${opts.scope}:${clientKey}`,
    params: req.body ?? {},
    run: (manager) => opts.run(manager, clientKey),
  })
  if (replayed) {
    res.setHeader("Idempotent-Replayed", "true")
  }
  res.status(answer.status).json(answer.body)
}
