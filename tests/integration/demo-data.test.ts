/**
 * The module demo: on a private database, `cli.js migrate` + `cli.js seed` with
 * the module demo on seed terminals and staff through the services, print the
 * keys once, and `cli.js ledger:verify` still exits 0.
 */
import { execFileSync } from "child_process"
import path from "path"

import { Client } from "pg"
import { afterAll, beforeAll, describe, expect, it } from "vitest"

import { databaseUrl, dropDatabase, withAdminClient } from "../support/database"
import { ROOT, TEST_SECRETS } from "../support/server"

const NAME = `cm_demo_${process.pid}`
const CLI = path.join(ROOT, "dist", "scripts", "cli.js")
const env = { ...process.env, ...TEST_SECRETS, DATABASE_URL: databaseUrl(NAME), REDIS_URL: "", CM_DEMO_MODULES: "1" }
let seedOutput = ""

function cli(command: string): string {
  return execFileSync(process.execPath, [CLI, command], { cwd: ROOT, env, stdio: "pipe" }).toString()
}

describe("module demo data", () => {
  beforeAll(async () => {
    await withAdminClient((c) => c.query(`CREATE DATABASE ${NAME}`))
    cli("migrate")
    seedOutput = cli("seed")
  }, 300_000)

  afterAll(async () => {
    await dropDatabase(NAME)
  })

  it("prints a till key, a top-up key per location and a ready curl line", () => {
    expect(seedOutput.match(/till key pos_[A-Za-z0-9_-]{43}/g)).toHaveLength(2)
    expect(seedOutput.match(/top-up key pos_[A-Za-z0-9_-]{43}/g)).toHaveLength(2)
    expect(seedOutput).toMatch(/curl -H "Authorization: Bearer pos_[A-Za-z0-9_-]{43}" http:\/\/localhost:9000\/store\/pos\/cards\//)
  })

  it("fills the POS tables and keeps the ledger consistent", async () => {
    const client = new Client({ connectionString: databaseUrl(NAME) })
    await client.connect()
    try {
      const { rows } = await client.query(
        `SELECT (SELECT count(*) FROM pos_terminal)::int AS terminals, (SELECT count(*) FROM staff_member)::int AS staff, (SELECT count(*) FROM staff_card)::int AS cards`
      )
      expect(rows[0]).toEqual({ terminals: 4, staff: 4, cards: 4 })
    } finally {
      await client.end()
    }
    expect(() => cli("ledger:verify")).not.toThrow()
  })
})
