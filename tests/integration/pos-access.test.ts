/**
 * POS access as a till and the merchant see it: locations, terminal keys shown
 * once and revocable, scopes, staff cards, bad input, the enumeration defence
 * and idempotent POSTs.
 */
import { randomUUID } from "crypto"

import { beforeAll, describe, expect, it } from "vitest"

import { adminApi, api } from "../support/api"
import { clientIp, createLocation, createTerminal, posApi } from "../support/pos"

async function createStaff(name = "Alex"): Promise<{ id: string; name: string }> {
  const res = await adminApi("/admin/pos/staff", { body: { name } })
  expect(res.status, res.text).toBe(201)
  return res.body.staff_member
}

describe("locations", () => {
  it("creates a location with its own sales channel and lists it", async () => {
    const name = `Café ${randomUUID().slice(0, 6)}`
    const res = await adminApi("/admin/pos/locations", {
      body: { name, time_zone: "Europe/Berlin", address: "Hauptstraße 1, Berlin" },
    })
    expect(res.status, res.text).toBe(201)
    expect(res.body.location).toEqual(
      expect.objectContaining({ id: expect.stringMatching(/^loc_/), name, time_zone: "Europe/Berlin" })
    )
    const channel = await adminApi(`/admin/sales-channels/${res.body.location.sales_channel_id}`)
    expect(channel.status).toBe(200)

    const list = await adminApi("/admin/pos/locations")
    expect(list.body.locations).toEqual(expect.arrayContaining([expect.objectContaining({ id: res.body.location.id })]))
  })

  it("refuses an unknown time zone with 400 and creates nothing", async () => {
    const name = `Nowhere ${randomUUID()}`
    const res = await adminApi("/admin/pos/locations", { body: { name, time_zone: "Mars/Olympus_Mons" } })
    expect(res.status).toBe(400)
    expect(res.body).toEqual({ type: "invalid_request", message: expect.stringContaining("time_zone") })
    const list = await adminApi("/admin/pos/locations")
    expect(list.body.locations.map((l: { name: string }) => l.name)).not.toContain(name)
  })

  it("answers 404 for an unknown location", async () => {
    const res = await adminApi("/admin/pos/locations/loc_unknown")
    expect(res.status).toBe(404)
    expect(res.body.type).toBe("not_found")
  })
})

describe("terminal keys", () => {
  it("shows the key once, at creation, and never again", async () => {
    const { key, terminal } = await createTerminal({ scopes: ["gift_card"] })
    expect(key).toMatch(/^pos_[A-Za-z0-9_-]{43}$/)
    expect(key.startsWith(terminal.key_prefix)).toBe(true)

    const one = await adminApi(`/admin/pos/terminals/${terminal.id}`)
    const all = await adminApi("/admin/pos/terminals")
    expect(one.status).toBe(200)
    expect(one.text).not.toContain(key)
    expect(all.text).not.toContain(key)
    expect(one.text).not.toContain("key_hash")
    expect(all.body.terminals).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: terminal.id, status: "active", scopes: ["gift_card"] })])
    )
  })

  it("answers who am I for a valid key and records when the terminal was seen", async () => {
    const { key, terminal, location } = await createTerminal({ scopes: ["loyalty"] })
    const res = await posApi("/store/pos/terminal", { key })
    expect(res.status, res.text).toBe(200)
    expect(res.body.terminal).toEqual(expect.objectContaining({ id: terminal.id, scopes: ["loyalty"] }))
    expect(res.body.location).toEqual(expect.objectContaining({ id: location.id, time_zone: "Europe/Berlin" }))
    await expect
      .poll(async () => (await adminApi(`/admin/pos/terminals/${terminal.id}`)).body.terminal.last_seen_at)
      .not.toBeNull()
  })

  it("refuses a call without a key or with an unknown key with 401", async () => {
    const none = await api("/store/pos/terminal")
    expect(none.status).toBe(401)
    expect(none.body).toEqual({ type: "unauthorized", message: expect.any(String) })
    const unknown = await posApi("/store/pos/terminal", { key: `pos_${"A".repeat(43)}` })
    expect(unknown.status).toBe(401)
  })

  it("refuses a revoked key on the very next call", async () => {
    const { key, terminal } = await createTerminal({ scopes: ["gift_card"] })
    expect((await posApi("/store/pos/terminal", { key })).status).toBe(200)
    const revoked = await adminApi(`/admin/pos/terminals/${terminal.id}`, { method: "DELETE" })
    expect(revoked.status).toBe(200)
    expect(revoked.body.terminal).toEqual(expect.objectContaining({ status: "revoked", revoked_at: expect.any(String) }))
    const res = await posApi("/store/pos/terminal", { key })
    expect(res.status).toBe(401)
    expect(res.body.type).toBe("unauthorized")
  })

  it("refuses a route with 403 when the key lacks its scope", async () => {
    const { key } = await createTerminal({ scopes: ["gift_card", "loyalty"] })
    const res = await posApi("/store/pos/staff-cards/ANY-UID", { key })
    expect(res.status).toBe(403)
    expect(res.body).toEqual({ type: "forbidden", message: expect.stringContaining("feedback") })
  })

  it("refuses unknown scopes and unknown locations when creating a terminal", async () => {
    const location = await createLocation()
    const badScope = await adminApi("/admin/pos/terminals", {
      body: { name: "Till", location_id: location.id, scopes: ["everything"] },
    })
    expect(badScope.status).toBe(400)
    expect(badScope.body.type).toBe("invalid_request")
    const badLocation = await adminApi("/admin/pos/terminals", {
      body: { name: "Till", location_id: "loc_missing", scopes: ["gift_card"] },
    })
    expect(badLocation.status).toBe(404)
  })
})

describe("staff cards", () => {
  it("attributes a call to the staff member whose card came with it", async () => {
    const staff = await createStaff("Berta")
    const uid = `04:A2:${randomUUID().slice(0, 8)}`
    const card = await adminApi(`/admin/pos/staff/${staff.id}/cards`, { body: { uid } })
    expect(card.status, card.text).toBe(201)
    const { key } = await createTerminal({ scopes: ["feedback"] })

    // Any spelling of the UID: lower case, without colons.
    const sloppy = uid.replace(/:/g, "").toLowerCase()
    const res = await posApi("/store/pos/terminal", { key, headers: { "x-staff-card": sloppy } })
    expect(res.status, res.text).toBe(200)
    expect(res.body.staff_id).toBe(staff.id)
    const who = await posApi(`/store/pos/staff-cards/${encodeURIComponent(uid)}`, { key })
    expect(who.body).toEqual({ staff_member: { id: staff.id, name: "Berta" } })
  })

  it("refuses an unknown or revoked staff card with 401", async () => {
    const staff = await createStaff("Carl")
    const uid = `CARL-${randomUUID().slice(0, 8)}`
    const card = await adminApi(`/admin/pos/staff/${staff.id}/cards`, { body: { uid } })
    const { key } = await createTerminal({ scopes: ["feedback"] })

    const unknown = await posApi("/store/pos/terminal", { key, headers: { "x-staff-card": "NOPE-0000" } })
    expect(unknown.status).toBe(401)
    expect(unknown.body.type).toBe("unknown_staff_card")

    const revoke = await adminApi(`/admin/pos/staff/${staff.id}/cards/${card.body.card.id}`, { method: "DELETE" })
    expect(revoke.status).toBe(200)
    const revoked = await posApi("/store/pos/terminal", { key, headers: { "x-staff-card": uid } })
    expect(revoked.status).toBe(401)
    expect(revoked.body.type).toBe("unknown_staff_card")
  })

  it("refuses a UID another active card already has", async () => {
    const a = await createStaff("Dana")
    const b = await createStaff("Emil")
    const uid = `DUP-${randomUUID().slice(0, 8)}`
    expect((await adminApi(`/admin/pos/staff/${a.id}/cards`, { body: { uid } })).status).toBe(201)
    const again = await adminApi(`/admin/pos/staff/${b.id}/cards`, { body: { uid: uid.toLowerCase() } })
    expect(again.status).toBe(409)
    expect(again.body.type).toBe("code_taken")
  })
})

describe("bad input changes nothing", () => {
  it("refuses unknown fields in an admin body", async () => {
    const name = `Extra ${randomUUID()}`
    const res = await adminApi("/admin/pos/locations", { body: { name, time_zone: "Europe/Berlin", colour: "red" } })
    expect(res.status).toBe(400)
    expect(res.body).toEqual({ type: "invalid_request", message: expect.stringContaining("colour") })
    const list = await adminApi("/admin/pos/locations")
    expect(list.body.locations.map((l: { name: string }) => l.name)).not.toContain(name)
  })

  it("answers malformed JSON with 400 invalid_json, on admin and POS routes", async () => {
    const admin = await adminApi("/admin/pos/locations", { rawBody: '{"name": "x", ' })
    expect(admin.status).toBe(400)
    expect(admin.body.type).toBe("invalid_json")
    const { key } = await createTerminal({ scopes: ["gift_card"] })
    const pos = await posApi("/store/pos/transactions/ltx_x/reverse", { key, rawBody: "{nope" })
    expect(pos.status).toBe(400)
    expect(pos.body).toEqual({ type: "invalid_json", message: expect.any(String) })
  })

  it("requires an Idempotency-Key on POS POSTs and validates the body strictly", async () => {
    const { key } = await createTerminal({ scopes: ["gift_card"] })
    const missing = await posApi("/store/pos/transactions/ltx_x/reverse", { key, body: {}, idempotencyKey: null })
    expect(missing.status).toBe(400)
    expect(missing.body.type).toBe("idempotency_key_missing")
    const tooLong = await posApi("/store/pos/transactions/ltx_x/reverse", { key, body: {}, idempotencyKey: "k".repeat(201) })
    expect(tooLong.status).toBe(400)
    const unknownField = await posApi("/store/pos/transactions/ltx_x/reverse", { key, body: { amount: 5 } })
    expect(unknownField.status).toBe(400)
    expect(unknownField.body).toEqual({ type: "invalid_request", message: expect.stringContaining("amount") })
  })
})

describe("enumeration defence", () => {
  it("blocks a key that guesses codes while another key working on known codes is never throttled", async () => {
    const guesser = await createTerminal({ scopes: ["feedback"] })
    const till = await createTerminal({ scopes: ["feedback"] })
    const staff = await createStaff("Frieda")
    const uid = `KNOWN-${randomUUID().slice(0, 8)}`
    await adminApi(`/admin/pos/staff/${staff.id}/cards`, { body: { uid } })

    const guessIp = clientIp()
    const guesses = await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        posApi(`/store/pos/staff-cards/GUESS-${i}-${randomUUID().slice(0, 6)}`, {
          key: guesser.key,
          headers: { "x-forwarded-for": guessIp },
        })
      )
    )
    const blocked = guesses.filter((r) => r.status === 429)
    expect(blocked.length).toBeGreaterThan(0)
    expect(guesses.every((r) => r.status === 404 || r.status === 429)).toBe(true)
    expect(Number(blocked[0].headers.get("retry-after"))).toBeGreaterThan(0)
    expect(blocked[0].body.type).toBe("too_many_requests")

    const tillIp = clientIp()
    const known = await Promise.all(
      Array.from({ length: 300 }, () =>
        posApi(`/store/pos/staff-cards/${encodeURIComponent(uid)}`, { key: till.key, headers: { "x-forwarded-for": tillIp } })
      )
    )
    expect(known.filter((r) => r.status !== 200).map((r) => r.status)).toEqual([])

    // Blocked: even a known code waits.
    const after = await posApi(`/store/pos/staff-cards/${encodeURIComponent(uid)}`, {
      key: guesser.key,
      headers: { "x-forwarded-for": clientIp() },
    })
    expect(after.status).toBe(429)
  })
})

describe("idempotent POSTs (reversal of a ledger transaction)", () => {
  let till: string

  beforeAll(async () => {
    till = (await createTerminal({ scopes: ["gift_card"] })).key
  })

  async function sellVoucher(amount: number): Promise<{ code: string; transactionId: string }> {
    const res = await posApi("/store/pos/gift-cards", { key: till, body: { amount, currency_code: "eur" } })
    expect(res.status, res.text).toBe(201)
    return { code: res.body.gift_card.code, transactionId: res.body.transaction.id }
  }

  async function balanceOf(code: string): Promise<number> {
    const res = await posApi(`/store/pos/cards/${encodeURIComponent(code)}`, { key: till })
    expect(res.status, res.text).toBe(200)
    return res.body.card.accounts[0].balance
  }

  it("gives 20 concurrent identical POSTs 20 identical answers and one effect", async () => {
    const voucher = await sellVoucher(1500)
    const idempotencyKey = randomUUID()
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        posApi(`/store/pos/transactions/${voucher.transactionId}/reverse`, {
          key: till,
          body: { reference: "wrong voucher" },
          idempotencyKey,
        })
      )
    )
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200))
    expect(new Set(answers.map((a) => a.text)).size).toBe(1)
    expect(answers[0].body.transaction).toEqual(
      expect.objectContaining({ type: "reverse", amount: -1500, reverses_id: voucher.transactionId })
    )
    expect(await balanceOf(voucher.code)).toBe(0)
  })

  it("answers 409 idempotency_conflict for the same key with another body", async () => {
    const voucher = await sellVoucher(700)
    const idempotencyKey = randomUUID()
    const url = `/store/pos/transactions/${voucher.transactionId}/reverse`
    const first = await posApi(url, { key: till, body: {}, idempotencyKey })
    expect(first.status, first.text).toBe(200)
    const other = await posApi(url, { key: till, body: { reference: "changed" }, idempotencyKey })
    expect(other.status).toBe(409)
    expect(other.body.type).toBe("idempotency_conflict")
  })

  it("returns the same reversal when a transaction is reversed twice", async () => {
    const voucher = await sellVoucher(900)
    const url = `/store/pos/transactions/${voucher.transactionId}/reverse`
    const first = await posApi(url, { key: till, body: {} })
    const second = await posApi(url, { key: till, body: {} })
    expect(second.status).toBe(200)
    expect(second.body.transaction.id).toBe(first.body.transaction.id)
    expect(await balanceOf(voucher.code)).toBe(0)
  })

  it("refuses a reversal with 403 when the key lacks the scope of the account, changing nothing", async () => {
    const voucher = await sellVoucher(800)
    const loyaltyOnly = (await createTerminal({ scopes: ["loyalty"] })).key
    const res = await posApi(`/store/pos/transactions/${voucher.transactionId}/reverse`, { key: loyaltyOnly, body: {} })
    expect(res.status).toBe(403)
    expect(res.body.type).toBe("forbidden")
    expect(await balanceOf(voucher.code)).toBe(800)
  })

  it("looks a card up by code with its accounts", async () => {
    const voucher = await sellVoucher(1200)
    const res = await posApi(`/store/pos/cards/${encodeURIComponent(voucher.code.toLowerCase())}`, { key: till })
    expect(res.status).toBe(200)
    expect(res.body.card).toEqual(
      expect.objectContaining({
        code: voucher.code,
        kind: "gift_card",
        accounts: [expect.objectContaining({ kind: "gift_card", balance: 1200, currency_code: "eur" })],
      })
    )
  })
})

describe("scopes", () => {
  it("lists every scope a key can carry with its plugin and labels, and refuses a key with an unknown one", async () => {
    const res = await adminApi("/admin/pos/scopes")
    expect(res.status, res.text).toBe(200)
    expect(res.body.scopes).toEqual(
      expect.arrayContaining([expect.objectContaining({ scope: "prepaid_topup", plugin: "prepaid", label: expect.objectContaining({ de: expect.any(String), en: expect.any(String), pt: expect.any(String) }) })])
    )
    const location = await createLocation()
    const bad = await adminApi("/admin/pos/terminals", { body: { name: "Till", location_id: location.id, scopes: ["gift_card", "no_such_scope"] } })
    expect(bad.status, bad.text).toBe(400)
    expect(bad.body.type).toBe("invalid_request")
  })
})
