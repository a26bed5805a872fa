/**
 * One real server for the whole run: a fresh database copied from the migrated
 * and seeded template, the real Redis (a namespace of its own), the built admin.
 */
import type { TestProject } from "vitest/node"

import { ADMIN, createDatabaseFromTemplate, dropDatabase, ensureTemplate } from "../support/database"
import { RunningServer, startServer } from "../support/server"

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string
    databaseUrl: string
    redisUrl: string
    adminEmail: string
    adminPassword: string
  }
}

let server: RunningServer | undefined
let database: string | undefined

export async function setup(project: TestProject): Promise<void> {
  const runId = `${Date.now().toString(36)}${process.pid}`
  const redisUrl = process.env.REDIS_URL || "redis://127.0.0.1:6379"
  const template = await ensureTemplate()
  database = `cm_test_${runId}`
  const databaseUrl = await createDatabaseFromTemplate(template, database)
  server = await startServer({
    name: "main",
    env: {
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      REDIS_NAMESPACE: `cmtest-${runId}`,
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
    },
  })
  project.provide("baseUrl", server.url)
  project.provide("databaseUrl", databaseUrl)
  project.provide("redisUrl", redisUrl)
  project.provide("adminEmail", ADMIN.email)
  project.provide("adminPassword", ADMIN.password)
}

export async function teardown(): Promise<void> {
  await server?.stop()
  if (database) {
    await dropDatabase(database)
  }
}
