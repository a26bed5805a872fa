/**
 * Delivers an event again through the test server's own event bus (Medusa's
 * `@medusajs/event-bus-redis`: a BullMQ queue named after REDIS_NAMESPACE, jobs
 * `{ eventName, data }`), as a redelivery or a retried emit would: every
 * subscriber of the event runs again in the server. Resolves once the server
 * has handled every copy (Medusa removes a job when its subscribers are done).
 */
import { Queue } from "bullmq"
import { inject } from "vitest"

export async function emitAgain(eventName: string, data: Record<string, unknown>, times = 1, timeout_ms = 20_000): Promise<void> {
  const url = new URL(inject("redisUrl"))
  const queue = new Queue(inject("eventQueue"), {
    prefix: "RedisEventBusService",
    connection: { host: url.hostname, port: Number(url.port || 6379), maxRetriesPerRequest: null },
  })
  try {
    const jobs = await queue.addBulk(Array.from({ length: times }, () => ({ name: eventName, data: { eventName, data }, opts: { removeOnComplete: true, attempts: 1 } })))
    const until = Date.now() + timeout_ms
    for (const job of jobs) {
      for (;;) {
        const current = await queue.getJob(job.id!)
        if (!current) break
        const state = await current.getState()
        if (state === "failed") throw new Error(`${eventName} failed in the server: ${current.failedReason}`)
        if (Date.now() > until) throw new Error(`${eventName} was not handled within ${timeout_ms} ms (${state})`)
        await new Promise((r) => setTimeout(r, 50))
      }
    }
  } finally {
    await queue.close()
  }
}
