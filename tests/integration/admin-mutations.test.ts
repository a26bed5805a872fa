/**
 * The admin routes that issue 13 moved onto `adminMutation` (decision 134) keep its
 * rules: the same Idempotency-Key and body replay the first answer and do the work
 * once, another body under that key is 409, an overlong key and an invalid body are
 * 400 `{ type, message }` and write nothing.
 */
import { describe, expect, it } from "vitest"

import { adminApi } from "../support/api"
import { mailsTo, uniqueAddress, waitForMail } from "../support/mail"

type Mail = { id: string; key: string; to: string }

describe("admin mutations through the wrapper", { timeout: 90_000 }, () => {
  it("sends one test mail for a key sent twice and refuses the key with another body", async () => {
    const to = uniqueAddress("wrapped-test-mail")
    const key = `test-mail-${Date.now()}`
    const first = await adminApi<{ mail: Mail }>("/admin/jobs/test-mail", { body: { to, locale: "en" }, headers: { "idempotency-key": key } })
    expect(first.status, first.text).toBe(202)
    const again = await adminApi<{ mail: Mail }>("/admin/jobs/test-mail", { body: { to, locale: "en" }, headers: { "idempotency-key": key } })
    expect(again.status, again.text).toBe(202)
    expect(again.headers.get("idempotent-replayed")).toBe("true")
    expect(again.body.mail.id).toBe(first.body.mail.id)
    const other = await adminApi("/admin/jobs/test-mail", { body: { to, locale: "de" }, headers: { "idempotency-key": key } })
    expect(other.status).toBe(409)
    expect(other.body).toEqual({ type: "idempotency_conflict", message: expect.any(String) })
    await waitForMail((m) => m.envelopeTo.includes(to), 30_000)
    const log = await adminApi<{ mails: Mail[] }>("/admin/jobs/mails?limit=200")
    expect(log.body.mails.filter((m) => m.to === to)).toHaveLength(1)
    expect(await mailsTo(to)).toHaveLength(1)
  })

  it("answers a queued mail once per key and refuses an invalid mail with nothing written", async () => {
    const to = uniqueAddress("wrapped-mail")
    const body = { key: `generic:${to}`, kind: "generic", to, locale: "en", data: { subject: "Wrapped", body: "Once" } }
    const key = `mail-${Date.now()}`
    const [a, b] = await Promise.all([
      adminApi<{ mail: Mail }>("/admin/jobs/mails", { body, headers: { "idempotency-key": key } }),
      adminApi<{ mail: Mail }>("/admin/jobs/mails", { body, headers: { "idempotency-key": key } }),
    ])
    expect([a.status, b.status]).toEqual([202, 202])
    expect(b.body.mail.id).toBe(a.body.mail.id)
    const badKey = `bad:${to}`
    const bad = await adminApi("/admin/jobs/mails", { body: { ...body, key: badKey, extra: true } })
    expect(bad.status).toBe(400)
    expect(bad.body).toEqual({ type: "invalid_request", message: expect.any(String) })
    const log = await adminApi<{ mails: Mail[] }>("/admin/jobs/mails?limit=200")
    expect(log.body.mails.map((m) => m.key)).not.toContain(badKey)
  })

  it("refuses an Idempotency-Key longer than 200 characters and a body where none belongs", async () => {
    const long = await adminApi("/admin/jobs/failed/mail-nothing-here/retry", { body: {}, headers: { "idempotency-key": "k".repeat(201) } })
    expect(long.status).toBe(400)
    expect(long.body).toEqual({ type: "invalid_request", message: expect.stringContaining("Idempotency-Key") })
    const stray = await adminApi("/admin/jobs/failed/mail-nothing-here/retry", { body: { force: true } })
    expect(stray.status).toBe(400)
    expect(stray.body).toEqual({ type: "invalid_request", message: expect.any(String) })
    const unknown = await adminApi("/admin/jobs/failed/mail-nothing-here/retry", { body: {} })
    expect(unknown.status).toBe(404)
    expect(unknown.body).toEqual({ type: "not_found", message: expect.any(String) })
  })

  it("refuses an invalid schedule run and an unknown schedule in the wrapper's error shape", async () => {
    const bad = await adminApi("/admin/jobs/schedules/no-such-schedule/run", { body: { now: "yesterday" } })
    expect(bad.status).toBe(400)
    expect(bad.body).toEqual({ type: "invalid_request", message: expect.stringContaining("now") })
    const unknown = await adminApi("/admin/jobs/schedules/no-such-schedule/run", { body: {} })
    expect(unknown.status).toBe(404)
    expect(unknown.body).toEqual({ type: expect.any(String), message: expect.any(String) })
  })
})

describe("admin routes whose work runs in the services' own transactions", { timeout: 120_000 }, () => {
  it("answer many enqueues at once, with and without keys, without taking the whole database pool", async () => {
    const run = Date.now()
    // More at once than the server's pool has connections (10): each used to hold one and wait for a second.
    const calls = Array.from({ length: 24 }, (_, i) => {
      const to = uniqueAddress(`pool-${i}`)
      const body = { key: `generic:pool:${run}:${i}`, kind: "generic", to, locale: "en", data: { subject: "Pool", body: `Mail ${i}` } }
      return adminApi<{ mail: Mail }>("/admin/jobs/mails", { body, headers: i % 2 ? { "idempotency-key": `pool-${run}-${i}` } : {} })
    })
    const documents = Array.from({ length: 12 }, (_, i) =>
      adminApi("/admin/jobs/documents", {
        body: {
          key: `statement:pool:${run}:${i}`,
          kind: "statement",
          data: { as_of: "2026-01-31", currency_code: "EUR", customer: { name: `Pool ${i}` }, items: [{ date: "2026-01-02", reference: `RE-${i}`, amount_minor: 1000 + i }] },
        },
      })
    )
    const answers = await Promise.all([...calls, ...documents])
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 202))
    // A keyed one replays afterwards: same mail, nothing new.
    const again = await adminApi<{ mail: Mail }>("/admin/jobs/mails", {
      body: { key: `generic:pool:${run}:1`, kind: "generic", to: (answers[1].body as { mail: Mail }).mail.to, locale: "en", data: { subject: "Pool", body: "Mail 1" } },
      headers: { "idempotency-key": `pool-${run}-1` },
    })
    expect(again.status).toBe(202)
    expect(again.headers.get("idempotent-replayed")).toBe("true")
    expect(again.body.mail.id).toBe((answers[1].body as { mail: Mail }).mail.id)
    // And the tills are not starved meanwhile: the server still answers.
    expect((await adminApi("/admin/jobs/mails?limit=1")).status).toBe(200)
  })
})
