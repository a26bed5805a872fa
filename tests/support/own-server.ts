/**
 * A server of a test file's own (its own database copy of the template and its
 * own Redis namespace), for tests that change what every other file would see
 * (the CMS's allowed origins: CORS and frame-ancestors of every embed page).
 */
import { inject } from "vitest"

import { adminToken, api } from "./api"
import type { ApiResponse, RequestOptions } from "./api"
import { ADMIN, createDatabaseFromTemplate, dropDatabase, ensureTemplate } from "./database"
import { RunningServer, startServer } from "./server"

export type OwnServer = {
  server: RunningServer
  url: string
  /** The environment it was started with (a second instance on the same database starts with it). */
  env: NodeJS.ProcessEnv
  /** An admin call against this server. */
  admin<T = any>(path: string, opts?: RequestOptions): Promise<ApiResponse<T>>
  stop(): Promise<void>
}

export async function startOwnServer(name: string, env: NodeJS.ProcessEnv = {}): Promise<OwnServer> {
  const database = `cm_${name.replace(/[^a-z0-9]/gi, "_").toLowerCase()}_${Date.now().toString(36)}${process.pid}`
  const databaseUrl = await createDatabaseFromTemplate(await ensureTemplate(), database)
  const serverEnv = { DATABASE_URL: databaseUrl, REDIS_URL: inject("redisUrl"), REDIS_NAMESPACE: `cm${name}-${database}`, ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, ...env }
  let server: RunningServer
  try {
    server = await startServer({ name, env: serverEnv })
  } catch (e) {
    await dropDatabase(database)
    throw e
  }
  const token = await adminToken(ADMIN, server.url)
  let stopped = false
  return {
    server,
    url: server.url,
    env: serverEnv,
    admin: (path, opts = {}) => api(path, { ...opts, baseUrl: server.url, token }),
    async stop() {
      if (stopped) return
      stopped = true
      await server.stop()
      await dropDatabase(database)
    },
  }
}
