import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { parseBody } from "@customer-modules/core"
import type { PublicRateLimiterService } from "@customer-modules/pos"

import type FeedbackPairingService from "#services/feedback-pairing"
import { PairBody } from "#validators"

/** Tries per client IP and minute (a code has 31⁸ values and lives ten minutes). */
const BUDGET = { points: 10, duration_s: 60 }

/**
 * POST /store/feedback/pair `{ code }` → 200 `{ key, terminal: { id, name, location_id } }`:
 * exchanges a pairing code shown in the admin for the tablet's new terminal key, once.
 * A malformed body → 400; a wrong, used or expired code → 403 `invalid_pairing_code` (the same answer for all
 * three); over the per-IP budget 429 with Retry-After. No Idempotency-Key replay: the
 * key is never stored, not even in a replay cache.
 */
export async function POST(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  res.setHeader("Cache-Control", "no-store")
  const wait = await req.scope.resolve<PublicRateLimiterService>("publicRateLimiterService").consume("POST /store/feedback/pair", req.ip ?? "unknown", BUDGET)
  if (wait !== null) {
    res.setHeader("Retry-After", String(wait))
    res.status(429).json({ type: "rate_limited", message: `Too many requests; try again in ${wait} s` })
    return
  }
  const { code } = parseBody(PairBody, req.body ?? {})
  const { key, terminal } = await req.scope.resolve<FeedbackPairingService>("feedbackPairingService").exchange(code)
  res.status(200).json({ key, terminal })
}
