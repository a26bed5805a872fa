import { z } from "zod"

import { adminMutation } from "@customer-modules/core"

import type PrepaidCardService from "#services/prepaid-card"

/**
 * POST /admin/prepaid-cards/top-ups/:order_id → `{ credited }`: credits the
 * order's online top-ups if its payment is captured and they were not credited
 * yet (what the `order.payment_captured` subscriber does; for recovery after a
 * failure). Running it again credits nothing.
 */
export const POST = adminMutation({
  body: z.object({}).strict(),
  handler: async (req, manager) => ({
    status: 200,
    body: { credited: await req.scope.resolve<PrepaidCardService>("prepaidCardService").withTransaction(manager).creditCapturedTopUps(req.params.order_id) },
  }),
})
