import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"
import { z } from "zod"

import { cms, cmsMutation } from "#api/cms-mutation"
import { UpdateFaq } from "#validators"

/** GET /admin/cms/faq/:id → `{ faq }`. */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  res.json({ faq: await cms(req).retrieveFaq(req.params.id) })
}

/** POST /admin/cms/faq/:id with the fields to change → `{ faq }`. */
export const POST = cmsMutation({
  body: UpdateFaq,
  handler: async (req, tx, body) => ({ status: 200, body: { faq: await cms(req, tx).updateFaq(req.params.id, body) } }),
})

/** DELETE /admin/cms/faq/:id → `{ id, object: "faq", deleted: true }`. */
export const DELETE = cmsMutation({
  body: z.object({}).strict(),
  handler: async (req, tx) => {
    await cms(req, tx).deleteFaq(req.params.id)
    return { status: 200, body: { id: req.params.id, object: "faq", deleted: true } }
  },
})
