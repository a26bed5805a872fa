import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"
import type { EntityManager } from "typeorm"
import { z } from "zod"

import { parseBody } from "@customer-modules/core"

import { liveFeed } from "#utils/live"

const Query = z
  .object({
    questionnaire_id: z.string().max(64).optional(),
    location_id: z.string().max(64).optional(),
    kind: z.enum(["response", "check"]).optional(),
  })
  .strict()

/** A comment line this often keeps proxies from closing an idle stream. */
const HEARTBEAT_MS = 25_000

/**
 * GET /admin/feedback/stream[?questionnaire_id=&location_id=&kind=] → `text/event-stream`:
 * an event `response` or `check` (`{ id, questionnaire_id | checklist_id, terminal_id,
 * location_id, received_at }`) for each one committed, from any server instance. The
 * stream opens with the event `ready` once it listens.
 */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const filter = parseBody(Query, req.query)
  res.status(200)
  res.setHeader("Content-Type", "text/event-stream; charset=utf-8")
  res.setHeader("Cache-Control", "no-cache, no-transform")
  res.setHeader("Connection", "keep-alive")
  res.setHeader("X-Accel-Buffering", "no")
  res.flushHeaders()
  const unsubscribe = await liveFeed(req.scope.resolve<EntityManager>("manager")).subscribe((event) => {
    if (filter.kind && event.kind !== filter.kind) return
    if (filter.questionnaire_id && event.questionnaire_id !== filter.questionnaire_id) return
    if (filter.location_id && event.location_id !== filter.location_id) return
    res.write(`event: ${event.kind}\ndata: ${JSON.stringify(event)}\n\n`)
  })
  res.write(`retry: 2000\nevent: ready\ndata: {}\n\n`)
  const heartbeat = setInterval(() => res.write(`: keep-alive\n\n`), HEARTBEAT_MS)
  req.on("close", () => {
    clearInterval(heartbeat)
    unsubscribe()
  })
}
