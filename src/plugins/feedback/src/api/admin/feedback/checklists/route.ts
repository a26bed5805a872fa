import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"
import { z } from "zod"

import { adminMutation, parseBody } from "@customer-modules/core"

import type FeedbackCheckService from "#services/feedback-check"
import { CreateChecklist } from "#validators"

const Query = z.object({ location_id: z.string().max(64).optional() }).strict()

/** GET /admin/feedback/checklists[?location_id=] → `{ checklists: [{ …, last_check, due_at, overdue }] }`. */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const filter = parseBody(Query, req.query)
  const checklists = await req.scope.resolve<FeedbackCheckService>("feedbackCheckService").listChecklists(filter, new Date())
  res.json({ checklists })
}

/** POST /admin/feedback/checklists `{ location_id, name, interval_minutes?, items?, opening_hours?, show_last? }` → 201 `{ checklist }`. */
export const POST = adminMutation({
  body: CreateChecklist,
  handler: async (req, manager, body) => {
    const checklist = await req.scope.resolve<FeedbackCheckService>("feedbackCheckService").withTransaction(manager).createChecklist(body)
    return { status: 201, body: { checklist } }
  },
})
