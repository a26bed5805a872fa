/**
 * The ledger's own guarantees beyond the till flow: the database refuses to
 * rewrite history or break a bound, the verification (admin route and
 * `npm run ledger:verify`) finds a tampered balance, merchant number ranges
 * never overlap and never issue a number twice.
 */
import { execFile } from "child_process"
import { randomUUID } from "crypto"
import path from "path"
import { promisify } from "util"

import { Client } from "pg"
import { afterAll, beforeAll, describe, expect, it } from "vitest"

import { adminApi } from "../support/api"
import { createDatabaseFromTemplate, dropDatabase, ensureTemplate } from "../support/database"
import { createTerminal, posApi } from "../support/pos"
import { ROOT } from "../support/server"

const run = promisify(execFile)

let till: string

beforeAll(async () => {
  till = (await createTerminal({ scopes: ["gift_card"] })).key
})

async function sell(amount: number, extra: Record<string, unknown> = {}) {
  return posApi("/store/pos/gift-cards", { key: till, body: { amount, currency_code: "eur", ...extra } })
}

/** A database of its own (copied from the migrated template), for tests that tamper with rows. */
async function scratchDatabase(): Promise<{ url: string; client: Client; drop(): Promise<void> }> {
  const name = `cm_test_ledger_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6)}`
  const url = await createDatabaseFromTemplate(await ensureTemplate(), name)
  const client = new Client({ connectionString: url })
  await client.connect()
  return {
    url,
    client,
    drop: async () => {
      await client.end()
      await dropDatabase(name)
    },
  }
}

/** An account with two transactions written the way the ledger writes them. */
async function seedAccount(client: Client, id: string): Promise<void> {
  await client.query(`INSERT INTO value_account (id, kind, currency_code, balance) VALUES ($1, 'gift_card', 'eur', 700)`, [id])
  await client.query(
    `INSERT INTO ledger_transaction (id, account_id, type, amount, balance_after, currency_code)
     VALUES ($2, $1, 'issue', 1000, 1000, 'eur'), ($3, $1, 'redeem', -300, 700, 'eur')`,
    [id, `ltx_${id}_1`, `ltx_${id}_2`]
  )
}

describe("the database keeps the ledger's rules", () => {
  let db: Awaited<ReturnType<typeof scratchDatabase>>

  beforeAll(async () => {
    db = await scratchDatabase()
  })

  afterAll(async () => {
    await db?.drop()
  })

  it("refuses to update or delete a ledger transaction", async () => {
    await seedAccount(db.client, "vacc_append_only")
    await expect(db.client.query(`UPDATE ledger_transaction SET amount = 0 WHERE account_id = 'vacc_append_only'`)).rejects.toThrow(
      /append-only/
    )
    await expect(db.client.query(`DELETE FROM ledger_transaction WHERE account_id = 'vacc_append_only'`)).rejects.toThrow(/append-only/)
    await expect(db.client.query(`TRUNCATE ledger_transaction CASCADE`)).rejects.toThrow(/append-only/)
    const { rows } = await db.client.query(`SELECT sum(amount)::int AS total FROM ledger_transaction WHERE account_id = 'vacc_append_only'`)
    expect(rows[0].total).toBe(700)
  })

  it("refuses a balance below the account's lower bound", async () => {
    await db.client.query(`INSERT INTO value_account (id, kind, currency_code, lower_bound) VALUES ('vacc_bound', 'customer_account', 'eur', -5000)`)
    await expect(db.client.query(`UPDATE value_account SET balance = -5001 WHERE id = 'vacc_bound'`)).rejects.toThrow(
      /CHK_value_account_balance_bound/
    )
    // The bound itself is allowed (rolled back: the account has no transactions to match it).
    await db.client.query("BEGIN")
    await db.client.query(`UPDATE value_account SET balance = -5000 WHERE id = 'vacc_bound'`)
    await db.client.query("ROLLBACK")
  })

  it("refuses a second reversal of the same transaction", async () => {
    await seedAccount(db.client, "vacc_reverse_once")
    const insertReversal = (id: string) =>
      db.client.query(
        `INSERT INTO ledger_transaction (id, account_id, type, amount, balance_after, currency_code, reverses_id)
         VALUES ($1, 'vacc_reverse_once', 'reverse', 300, 1000, 'eur', 'ltx_vacc_reverse_once_2')`,
        [id]
      )
    await insertReversal("ltx_rev_1")
    await expect(insertReversal("ltx_rev_2")).rejects.toThrow(/UQ_ledger_transaction_reverses_id/)
  })

  it("finds a tampered balance with npm run ledger:verify and fails the command", async () => {
    await seedAccount(db.client, "vacc_tampered")
    const env = { ...process.env, DATABASE_URL: db.url }
    const cli = path.join(ROOT, "dist", "scripts", "cli.js")

    // The scratch database holds the reversal above, which leaves one balance off: settle it first.
    await db.client.query(`UPDATE value_account SET balance = 1000 WHERE id = 'vacc_reverse_once'`)
    const clean = await run(process.execPath, [cli, "ledger:verify"], { env, cwd: ROOT }).catch((e: { stdout: string }) => {
      throw new Error(`ledger:verify failed on a clean ledger:\n${e.stdout}`)
    })
    expect(clean.stdout).toContain("every account adds up")

    await db.client.query(`UPDATE value_account SET balance = balance + 1 WHERE id = 'vacc_tampered'`)
    const failed = await run(process.execPath, [cli, "ledger:verify"], { env, cwd: ROOT }).then(
      () => {
        throw new Error("ledger:verify passed a tampered ledger")
      },
      (e: { code: number; stdout: string }) => e
    )
    expect(failed.code).toBe(1)
    expect(failed.stdout).toContain("MISMATCH vacc_tampered: balance 701, transactions sum 700 (difference 1)")
  })
})

describe("verification through the admin API", () => {
  it("checks every account of the running server and finds none off", async () => {
    expect((await sell(1000)).status).toBe(201)
    const res = await adminApi("/admin/ledger/verify")
    expect(res.status).toBe(200)
    expect(res.body).toEqual({
      checked_accounts: expect.any(Number),
      checked_transactions: expect.any(Number),
      mismatches: [],
      broken_chains: [],
    })
    expect(res.body.checked_accounts).toBeGreaterThan(0)
  })

  it("shows an account with its history, newest first", async () => {
    const sold = await sell(2000)
    const code = sold.body.gift_card.code
    await posApi(`/store/pos/gift-cards/${code}/redeem`, { key: till, body: { amount: 500, reference: "receipt 7" } })
    const card = await posApi(`/store/pos/cards/${code}`, { key: till })
    const account = await adminApi(`/admin/ledger/accounts/${card.body.card.accounts[0].id}`)
    expect(account.status).toBe(200)
    expect(account.body.account).toEqual(expect.objectContaining({ kind: "gift_card", balance: 1500, lower_bound: 0 }))
    expect(account.body.transactions.map((t: { type: string; balance_after: number }) => [t.type, t.balance_after])).toEqual([
      ["redeem", 1500],
      ["issue", 2000],
    ])
    expect(account.body.transactions[0]).toEqual(
      expect.objectContaining({ reference: "receipt 7", location_id: expect.stringMatching(/^loc_/), terminal_id: expect.stringMatching(/^term_/) })
    )
  })

  it("refuses to reverse a reversal", async () => {
    const sold = await sell(900)
    const reversal = await posApi(`/store/pos/transactions/${sold.body.transaction.id}/reverse`, { key: till, body: {} })
    expect(reversal.status, reversal.text).toBe(200)
    const again = await posApi(`/store/pos/transactions/${reversal.body.transaction.id}/reverse`, { key: till, body: {} })
    expect(again.status).toBe(422)
    expect(again.body.type).toBe("not_reversible")
  })

  it("answers 404 for an unknown transaction and 400 for a bad page size", async () => {
    expect((await adminApi("/admin/ledger/transactions/ltx_missing")).status).toBe(404)
    const bad = await adminApi("/admin/ledger/accounts?limit=100000")
    expect(bad.status).toBe(400)
    expect(bad.body.type).toBe("invalid_request")
  })
})

describe("merchant number ranges", () => {
  const prefix = () => `R${randomUUID().replace(/[^A-F]/gi, "").slice(0, 5).toUpperCase()}`

  it("refuses a range that overlaps another of the same shape", async () => {
    const p = prefix()
    const first = await adminApi("/admin/ledger/code-ranges", { body: { name: "Printed 2026", card_kind: "gift_card", prefix: p, start: 1, end: 5000 } })
    expect(first.status, first.text).toBe(201)
    expect(first.body.code_range).toEqual(expect.objectContaining({ prefix: p, width: 4, next: 1 }))
    const clash = await adminApi("/admin/ledger/code-ranges", { body: { name: "Clash", card_kind: "gift_card", prefix: p, start: 4000, end: 6000 } })
    expect(clash.status).toBe(409)
    expect(clash.body.type).toBe("range_overlap")
  })

  it("refuses bounds the wrong way round and unknown fields, creating nothing", async () => {
    const p = prefix()
    const backwards = await adminApi("/admin/ledger/code-ranges", { body: { name: "Backwards", card_kind: "gift_card", prefix: p, start: 50, end: 10 } })
    expect(backwards.status).toBe(400)
    expect(backwards.body.type).toBe("range_invalid")
    const extra = await adminApi("/admin/ledger/code-ranges", { body: { name: "X", card_kind: "gift_card", prefix: p, start: 1, end: 9, colour: "red" } })
    expect(extra.status).toBe(400)
    const list = await adminApi("/admin/ledger/code-ranges")
    expect(list.body.code_ranges.map((r: { prefix: string }) => r.prefix)).not.toContain(p)
  })

  it("accepts an own number inside the range and refuses one outside it", async () => {
    const p = prefix()
    await adminApi("/admin/ledger/code-ranges", { body: { name: "Printed", card_kind: "gift_card", prefix: p, start: 1, end: 500 } })
    const inside = await sell(1000, { code: `${p}-042` })
    expect(inside.status, inside.text).toBe(201)
    const outside = await sell(1000, { code: `${p}-777` })
    expect(outside.status).toBe(422)
    expect(outside.body.type).toBe("code_out_of_range")
  })
})

describe("finding cards in the admin", () => {
  it("finds a voucher by the beginning of its code, in any spelling", async () => {
    const sold = await sell(1500)
    const code: string = sold.body.gift_card.code
    const res = await adminApi(`/admin/ledger/cards?q=${encodeURIComponent(code.slice(0, 9).toLowerCase())}`)
    expect(res.status).toBe(200)
    expect(res.body.cards.map((c: { code: string }) => c.code)).toContain(code)
    const one = await adminApi(`/admin/ledger/cards/${res.body.cards.find((c: { code: string }) => c.code === code).id}`)
    expect(one.body.accounts).toEqual([expect.objectContaining({ balance: 1500, currency_code: "eur" })])
  })
})
