import { adminMutation } from "@customer-modules/core"

import type VoucherService from "#services/voucher"
import { LinkCustomer } from "#validators"

/**
 * POST /admin/vouchers/:id/customer `{ customer_id | null, replace? }` → `{ gift_card }`:
 * links an anonymous voucher to a customer, or (with replace) corrects the link.
 */
export const POST = adminMutation({
  body: LinkCustomer,
  handler: async (req, manager, body) => ({
    status: 200,
    body: {
      gift_card: await req.scope
        .resolve<VoucherService>("voucherService")
        .withTransaction(manager)
        .linkCustomer(req.params.id, body.customer_id, { replace: body.replace ?? body.customer_id === null }),
    },
  }),
})
