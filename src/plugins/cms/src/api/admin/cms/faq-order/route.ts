import { cms, cmsMutation } from "#api/cms-mutation"
import { OrderFaq } from "#validators"

/** POST /admin/cms/faq-order `{ ids }` → `{ faq }`: the named entries first, in this order (drag and drop in the editor). */
export const POST = cmsMutation({
  body: OrderFaq,
  handler: async (req, tx, { ids }) => ({ status: 200, body: { faq: await cms(req, tx).orderFaq(ids) } }),
})
