/**
 * Parameterised queries used again and again become named prepared statements
 * (decision 180), on a real PostgreSQL: parsed once per connection, ad-hoc texts left
 * unnamed, and a migration that changes a prepared statement's row type costs that
 * connection one failed call, not every call after it.
 */
import { Client, Query } from "pg"
import { afterAll, beforeAll, describe, expect, it } from "vitest"

import { installPreparedStatements } from "../../src/plugins/core/src/loaders/pg-driver"
import { databaseUrl } from "../support/database"

let client: Client

beforeAll(async () => {
  installPreparedStatements(Query as never)
  client = new Client({ connectionString: databaseUrl("postgres") })
  await client.connect()
  await client.query("CREATE TEMP TABLE prep_probe (id int PRIMARY KEY, label text)")
  await client.query("INSERT INTO prep_probe VALUES (1, 'one'), (2, 'two')")
})

afterAll(async () => {
  await client?.end()
})

const prepared = async (): Promise<string[]> =>
  (await client.query<{ statement: string }>("SELECT statement FROM pg_prepared_statements ORDER BY prepare_time")).rows.map((r) => r.statement)

describe("prepared statements", () => {
  it("names a text from its third use on and parses it once on the connection", async () => {
    const text = "SELECT label FROM prep_probe WHERE id = $1"
    const labels: string[] = []
    for (let i = 0; i < 6; i++) {
      labels.push((await client.query<{ label: string }>(text, [1 + (i % 2)])).rows[0].label)
    }
    expect(labels).toEqual(["one", "two", "one", "two", "one", "two"])
    expect((await prepared()).filter((s) => s === text)).toHaveLength(1)
  })

  it("leaves a text used once unnamed, and queries without parameters alone", async () => {
    await client.query("SELECT label FROM prep_probe WHERE id = $1 AND label <> 'x'", [1])
    await client.query("SELECT count(*) FROM prep_probe")
    await client.query("SELECT count(*) FROM prep_probe")
    await client.query("SELECT count(*) FROM prep_probe")
    const statements = await prepared()
    expect(statements.some((s) => s.includes("label <> 'x'"))).toBe(false)
    expect(statements.some((s) => s.includes("count(*)"))).toBe(false)
  })

  it("after a migration changes a prepared SELECT *, fails that call once and then prepares it again", async () => {
    const text = "SELECT * FROM prep_probe WHERE id = $1"
    for (let i = 0; i < 4; i++) {
      expect((await client.query(text, [1])).rows[0]).toEqual({ id: 1, label: "one" })
    }
    await client.query("ALTER TABLE prep_probe ADD COLUMN note text DEFAULT 'n'")
    const outcomes: string[] = []
    for (let i = 0; i < 3; i++) {
      try {
        const row = (await client.query(text, [1])).rows[0]
        outcomes.push(`ok ${row.note}`)
      } catch (e) {
        outcomes.push(`failed ${(e as { code?: string }).code}`)
      }
    }
    expect(outcomes).toEqual(["failed 0A000", "ok n", "ok n"])
  })
})
