import { z } from "zod"

import type CustomerDataService from "#services/customer-data"
import { adminMutation } from "#src/admin-mutation"
import { adminUserIdOf } from "#src/request"

const body = z
  .object({
    /** The customer's e-mail address, typed by the merchant: the erasure cannot be undone. */
    confirmation: z.string().trim().min(1).max(320),
  })
  .strict()

/**
 * POST /admin/customer-data/:customer_id/erase: anonymises the customer's
 * personal data in Medusa and every plugin, in one transaction, with an audit
 * row. Requires an Idempotency-Key; erasing again answers the first erasure.
 */
export const POST = adminMutation({
  body,
  requireKey: true,
  handler: async (req, manager, input) => {
    const service = req.scope.resolve<CustomerDataService>("customerDataService")
    // A repeated erasure answers the first one (the same body), whatever the confirmation: nothing is left to erase.
    const { erasure } = await service.withTransaction(manager).erase(req.params.customer_id, input.confirmation, adminUserIdOf(req), req.scope)
    return { status: 200, body: { erasure } }
  },
})
