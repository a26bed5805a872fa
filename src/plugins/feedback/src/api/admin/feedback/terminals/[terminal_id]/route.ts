import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { adminMutation, parseBody } from "@customer-modules/core"
import type { PosTerminalService } from "@customer-modules/pos"

import type FeedbackService from "#services/feedback"
import { AssignTerminal } from "#validators"

import { AtQuery } from "../route"

/** GET /admin/feedback/terminals/:terminal_id[?at=] → `{ settings, showing, time_zone }`: what it shows now (or at `at`). */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const { at } = parseBody(AtQuery, req.query)
  const terminal = await req.scope.resolve<PosTerminalService>("posTerminalService").retrieve(String(req.params.terminal_id))
  const view = await req.scope.resolve<FeedbackService>("feedbackService").showingFor(terminal.id, terminal.location_id, at ?? new Date())
  res.json(view)
}

/**
 * PUT /admin/feedback/terminals/:terminal_id `{ questionnaire_ids, rotate_minutes?, windows?,
 * idle_seconds?, press_interval_ms?, show_last_check? }` → 200 `{ settings, showing }`:
 * one questionnaire, several in turn every `rotate_minutes`, or by weekday and time window.
 */
export const PUT = adminMutation({
  body: AssignTerminal,
  handler: async (req, manager, body) => {
    const terminal = await req.scope.resolve<PosTerminalService>("posTerminalService").retrieve(String(req.params.terminal_id))
    const service = req.scope.resolve<FeedbackService>("feedbackService").withTransaction(manager)
    const settings = await service.assign(terminal.id, body)
    const { showing } = await service.showingFor(terminal.id, terminal.location_id, new Date())
    return { status: 200, body: { settings, showing } }
  },
})
