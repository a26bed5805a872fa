import type { ConfigModule, Logger, MedusaRequest, MedusaResponse } from "@medusajs/medusa"
import type { Redis } from "ioredis"
import type { EntityManager } from "typeorm"

import { withTimeout } from "#utils/with-timeout"

/** Each part gets this long; the parts are probed together, so the whole answer takes at most about this. */
const CHECK_TIMEOUT_MS = 1_000

type Part = "database" | "redis"

/** Fixed texts: a probe never echoes the driver's error (host names, ports, users). */
const FAILING: Record<Part, string> = {
  database: "the database is not answering",
  redis: "Redis is not answering",
}

/**
 * GET /health/ready: 200 when the database and (if configured) Redis answer,
 * 503 naming the failing parts otherwise (`failing`, and a fixed `message`).
 * Both are probed at once, each bounded, so the answer comes within about a
 * second even when a part hangs. Medusa's own /health stays the liveness probe.
 */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const { projectConfig } = req.scope.resolve<ConfigModule>("configModule")
  const manager = req.scope.resolve<EntityManager>("manager")

  const logger = req.scope.resolve<Logger>("logger")
  const [database, redis] = await Promise.all([
    probe("database", logger, () => manager.query("SELECT 1")),
    projectConfig.redis_url ? probe("redis", logger, () => pingRedis(req.scope.resolve<Redis>("redisClient"))) : Promise.resolve("not configured"),
  ])
  const checks: Record<Part, string> = { database, redis }
  const failing = (Object.keys(checks) as Part[]).filter((k) => checks[k] === "failing")

  if (failing.length) {
    res.setHeader("Retry-After", "5")
  }
  res.setHeader("Cache-Control", "no-store")
  res.status(failing.length ? 503 : 200).json({
    status: failing.length ? "unavailable" : "ready",
    failing,
    checks,
    ...(failing.length ? { message: `Not ready: ${failing.map((p) => FAILING[p]).join("; ")}` } : {}),
  })
}

/** A client that is not connected fails at once: its commands would only wait in the offline queue. */
async function pingRedis(client: Redis): Promise<void> {
  if (client.status !== "ready") {
    throw new Error(`redis client is ${client.status}`)
  }
  await client.ping()
}

const lastLogged_ms: Record<Part, number> = { database: 0, redis: 0 }

/** "ok" or "failing"; the cause goes to the log (once a minute per part), never to the caller. */
async function probe(part: Part, logger: Logger, check: () => Promise<unknown>): Promise<"ok" | "failing"> {
  try {
    await withTimeout(check(), CHECK_TIMEOUT_MS)
    return "ok"
  } catch (e) {
    if (Date.now() - lastLogged_ms[part] > 60_000) {
      lastLogged_ms[part] = Date.now()
      logger.warn(`/health/ready: ${part} failing (${(e as Error)?.message ?? String(e)})`)
    }
    return "failing"
  }
}
