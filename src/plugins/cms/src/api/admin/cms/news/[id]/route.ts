import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"
import { z } from "zod"

import { cms, cmsMutation } from "#api/cms-mutation"
import { UpdateNews } from "#validators"

/** GET /admin/cms/news/:id → `{ news }` (drafts too). */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  res.json({ news: await cms(req).retrieveNews(req.params.id) })
}

/** POST /admin/cms/news/:id with the fields to change → `{ news }`. */
export const POST = cmsMutation({
  body: UpdateNews,
  handler: async (req, tx, body) => ({ status: 200, body: { news: await cms(req, tx).updateNews(req.params.id, body) } }),
})

/** DELETE /admin/cms/news/:id → `{ id, object: "news", deleted: true }`. */
export const DELETE = cmsMutation({
  body: z.object({}).strict(),
  handler: async (req, tx) => {
    await cms(req, tx).deleteNews(req.params.id)
    return { status: 200, body: { id: req.params.id, object: "news", deleted: true } }
  },
})
