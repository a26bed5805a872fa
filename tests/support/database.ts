/**
 * Test databases on the local PostgreSQL: one migrated and seeded template per
 * build of the migrations and seed, then a fresh copy per run (CREATE DATABASE
 * … TEMPLATE), so a run starts in seconds and never sees another run's rows.
 */
import { execFileSync } from "child_process"
import crypto from "crypto"
import fs from "fs"
import path from "path"

import { Client } from "pg"

import { ROOT, TEST_SECRETS } from "./server"

export const ADMIN = { email: "admin@example.com", password: "supersecret" }

export function serverUrl(): string {
  return process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres"
}

export function databaseUrl(name: string): string {
  const url = new URL(serverUrl())
  url.pathname = `/${name}`
  return url.toString()
}

export async function withAdminClient<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: databaseUrl("postgres") })
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end()
  }
}

/** A hash of everything that shapes the template: migrations and the demo seed. */
function templateFingerprint(): string {
  const files: string[] = [path.join(ROOT, "dist", "scripts", "seed-demo.js")]
  const dirs = [
    path.join(ROOT, "dist", "migrations"),
    ...fs.readdirSync(path.join(ROOT, "src", "plugins")).map((p) => path.join(ROOT, "src", "plugins", p, "dist", "migrations")),
  ]
  for (const dir of dirs) {
    if (fs.existsSync(dir)) {
      files.push(...fs.readdirSync(dir).filter((f) => f.endsWith(".js")).map((f) => path.join(dir, f)))
    }
  }
  const hash = crypto.createHash("sha256")
  hash.update(fs.readFileSync(path.join(ROOT, "node_modules", "@medusajs", "medusa", "package.json")))
  for (const file of files.sort()) {
    hash.update(file.slice(ROOT.length))
    hash.update(fs.readFileSync(file))
  }
  return hash.digest("hex").slice(0, 12)
}

/** Creates (once) the migrated, seeded template database and returns its name. */
export async function ensureTemplate(): Promise<string> {
  const name = `cm_tpl_${templateFingerprint()}`
  const exists = await withAdminClient(async (c) => (await c.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])).rowCount)
  if (exists) {
    return name
  }
  const building = `${name}_building_${process.pid}`
  await withAdminClient((c) => c.query(`CREATE DATABASE ${building}`))
  const env = { ...process.env, ...TEST_SECRETS, DATABASE_URL: databaseUrl(building), REDIS_URL: "", CM_DEMO_MODULES: "0" }
  try {
    execFileSync(process.execPath, [path.join(ROOT, "dist", "scripts", "cli.js"), "seed"], { cwd: ROOT, env, stdio: "pipe" })
  } catch (e) {
    const err = e as { stdout?: Buffer; stderr?: Buffer }
    throw new Error(`building the template database failed:\n${err.stdout?.toString()}\n${err.stderr?.toString()}`)
  }
  await withAdminClient(async (c) => {
    // Another run may have finished the same template meanwhile.
    const again = await c.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])
    if (again.rowCount) {
      await c.query(`DROP DATABASE ${building}`)
    } else {
      await c.query(`ALTER DATABASE ${building} RENAME TO ${name}`)
    }
  })
  return name
}

export async function createDatabaseFromTemplate(template: string, name: string): Promise<string> {
  await withAdminClient((c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${template}`))
  return databaseUrl(name)
}

export async function dropDatabase(name: string): Promise<void> {
  await withAdminClient((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))
}
