import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { parseBody } from "@customer-modules/core"

import { cms, cmsMutation } from "#api/cms-mutation"
import { CreateNews, AdminList } from "#validators"

/** GET /admin/cms/news[?status=&locale=&limit=&offset=] → `{ news, count, limit, offset }`. */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const { limit = 50, offset = 0, ...filter } = parseBody(AdminList, req.query)
  const [news, count] = await cms(req).listNews(filter, { limit, offset })
  res.json({ news, count, limit, offset })
}

/** POST /admin/cms/news `{ title, body, image_url?, valid_from?, valid_until?, locale?, location_ids?, pinned?, status? }` → 201 `{ news }`. */
export const POST = cmsMutation({
  body: CreateNews,
  handler: async (req, tx, body) => ({ status: 201, body: { news: await cms(req, tx).createNews(body) } }),
})
