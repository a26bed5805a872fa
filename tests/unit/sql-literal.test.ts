/**
 * core's sqlLiteral writes what node-postgres' escapeLiteral writes, and a real
 * PostgreSQL reads every literal back as the string it was made from (with
 * standard_conforming_strings on, PostgreSQL's default, and off).
 */
import { Client, escapeLiteral } from "pg"
import { afterAll, beforeAll, describe, expect, it } from "vitest"

import { sqlLiteral } from "../../src/plugins/core/src/utils/sql-literal"
import { databaseUrl } from "../support/database"

const FIXED = [
  "",
  "plain",
  "it's",
  "''",
  "back\\slash",
  "\\",
  "\\'",
  "'\\''\\\\",
  "E'x'",
  '{"note":"O\'Brien \\"quoted\\" C:\\\\path"}',
  "ünïcödé €, 漢字, 🎟️",
  "line\nbreak\ttab\r",
  "$1 $$dollar$$ ; -- comment /* */",
]

/** Strings of quotes, backslashes and ordinary characters in every mix, deterministically. */
function generated(count: number): string[] {
  const alphabet = ["'", "\\", "a", "Z", " ", "\n", "ä", "€", '"', "E", "🎟️"]
  let seed = 12345
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31)
  return Array.from({ length: count }, () => Array.from({ length: next() % 24 }, () => alphabet[next() % alphabet.length]).join(""))
}

let client: Client

beforeAll(async () => {
  client = new Client({ connectionString: databaseUrl("postgres") })
  await client.connect()
})

afterAll(async () => {
  await client?.end()
})

describe("sqlLiteral", () => {
  const cases = [...FIXED, ...generated(2_000)]

  it("writes what node-postgres' escapeLiteral writes, for every case", () => {
    for (const value of cases) {
      expect(sqlLiteral(value), JSON.stringify(value)).toBe(escapeLiteral(value))
    }
  })

  it.each(["on", "off"])("is read back by PostgreSQL as the same string (standard_conforming_strings %s)", async (setting) => {
    await client.query(`SET standard_conforming_strings = ${setting}`)
    const sample = cases.filter((_, i) => i < FIXED.length || i % 10 === 0)
    const { rows } = await client.query<{ v: string }>(sample.map((value) => `SELECT ${sqlLiteral(value)}::text AS v`).join(" UNION ALL "))
    expect(rows.map((r) => r.v)).toEqual(sample)
  })
})
