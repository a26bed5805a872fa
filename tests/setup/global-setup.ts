/**
 * One real server for the whole run: a fresh database copied from the migrated
 * and seeded template, the real Redis (a namespace of its own), the built admin.
 */
import fs from "fs"
import path from "path"

import type { TestProject } from "vitest/node"

import { ADMIN, createDatabaseFromTemplate, dropDatabase, ensureTemplate } from "../support/database"
import { LOG_DIR, RunningServer, startServer } from "../support/server"
import { SmtpSink, startSmtpSink } from "../support/smtp-sink"

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string
    databaseUrl: string
    redisUrl: string
    /** The BullMQ queue of Medusa's event bus on the test server (tests re-emit events into it). */
    eventQueue: string
    adminEmail: string
    adminPassword: string
    mailSinkDir: string
    mailSinkControlUrl: string
  }
}

let server: RunningServer | undefined
let database: string | undefined
let sink: SmtpSink | undefined
let dataDir: string | undefined

export async function setup(project: TestProject): Promise<void> {
  const runId = `${Date.now().toString(36)}${process.pid}`
  const redisUrl = process.env.REDIS_URL || "redis://127.0.0.1:6379"
  const template = await ensureTemplate()
  database = `cm_test_${runId}`
  const databaseUrl = await createDatabaseFromTemplate(template, database)
  // A real SMTP server that writes what it receives where every test worker can read it.
  sink = await startSmtpSink(path.join(LOG_DIR, "..", "test-mail", runId))
  // The server's own files (.eml copies, rendered documents) stay with the run.
  dataDir = path.join(LOG_DIR, "..", "test-data", runId)
  server = await startServer({
    name: "main",
    env: {
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      REDIS_NAMESPACE: `cmtest-${runId}`,
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
      MAIL_FROM: '"Test Café" <mail@cafe.example>',
      JOBS_BACKOFF_MS: "300",
      DATA_DIR: dataDir,
    },
  })
  project.provide("baseUrl", server.url)
  project.provide("databaseUrl", databaseUrl)
  project.provide("redisUrl", redisUrl)
  project.provide("eventQueue", `cmtest-${runId}-events`)
  project.provide("adminEmail", ADMIN.email)
  project.provide("adminPassword", ADMIN.password)
  project.provide("mailSinkDir", sink.dir)
  project.provide("mailSinkControlUrl", sink.controlUrl)
}

export async function teardown(): Promise<void> {
  await server?.stop()
  await sink?.close()
  for (const dir of [sink?.dir, dataDir]) {
    if (dir) {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  }
  if (database) {
    await dropDatabase(database)
  }
}
