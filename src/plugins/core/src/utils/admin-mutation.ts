import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"
import type { EntityManager } from "typeorm"
import type { z } from "zod"

type Answer = { status: number; body: unknown }
type Options<S extends z.ZodTypeAny> = {
  body: S
  requireKey?: boolean
  handler: (req: MedusaRequest, manager: EntityManager, body: z.infer<S>, ctx: { idempotency_key: string | null }) => Promise<Answer>
}
type Handler = (req: MedusaRequest, res: MedusaResponse) => Promise<void>

/**
 * The POS plugin's `adminMutation` (Idempotency-Key per admin user, one
 * transaction, refusals as `{ type, message }`) for core's own admin routes.
 * pos depends on core, so core cannot import it at build time (a cycle of
 * project references); it is resolved at run time, on the first request,
 * when every plugin is loaded. A server without the pos plugin answers 500.
 */
export function adminMutation<S extends z.ZodTypeAny>(opts: Options<S>): Handler {
  let handler: Handler | undefined
  return (req, res) => {
    if (!handler) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const pos = require(POS_PACKAGE) as { adminMutation: (o: Options<S>) => Handler }
      handler = pos.adminMutation(opts)
    }
    return handler(req, res)
  }
}

const POS_PACKAGE = "@customer-modules/pos"
