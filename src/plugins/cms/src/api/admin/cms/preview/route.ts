import { adminMutation } from "@customer-modules/core"

import { markdownToHtml } from "#utils/markdown"
import { Preview } from "#validators"

/** POST /admin/cms/preview `{ markdown }` → `{ html }`: exactly what the website will show (the editor's live preview). */
export const POST = adminMutation({
  body: Preview,
  handler: async (_req, _tx, { markdown }) => ({ status: 200, body: { html: markdownToHtml(markdown) } }),
})
