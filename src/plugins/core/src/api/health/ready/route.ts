import type { ConfigModule, MedusaRequest, MedusaResponse } from "@medusajs/medusa"
import type { Redis } from "ioredis"
import type { EntityManager } from "typeorm"

import { withTimeout } from "../../../utils/with-timeout"

const CHECK_TIMEOUT_MS = 2_000

/**
 * GET /health/ready: 200 when the database and (if configured) Redis answer,
 * 503 naming the failing part otherwise. Medusa's own /health stays the liveness probe.
 */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const { projectConfig } = req.scope.resolve<ConfigModule>("configModule")
  const manager = req.scope.resolve<EntityManager>("manager")

  const checks: Record<string, string> = {
    database: await probe(() => manager.query("SELECT 1")),
    redis: projectConfig.redis_url
      ? await probe(() => req.scope.resolve<Redis>("redisClient").ping())
      : "not configured",
  }
  const failing = Object.keys(checks).filter((k) => checks[k].startsWith("failing"))

  res.status(failing.length ? 503 : 200).json({
    status: failing.length ? "unavailable" : "ready",
    failing,
    checks,
  })
}

async function probe(check: () => Promise<unknown>): Promise<string> {
  try {
    await withTimeout(check(), CHECK_TIMEOUT_MS)
    return "ok"
  } catch (e) {
    return `failing: ${(e as Error).message}`
  }
}
