/**
 * Security of the POS routes as a terminal (or someone holding a terminal key) sees them.
 */
import { randomInt, randomUUID } from "crypto"

import { beforeAll, describe, expect, it } from "vitest"

import { CODE_ALPHABET, generateCode } from "../../src/plugins/ledger/src/utils/codes"
import { adminApi } from "../support/api"
import { clientIp, createTerminal, posApi } from "../support/pos"

describe("terminal: guessing and throttling", () => {
  /** Default limits of the test server: POS_MISSES_PER_KEY 25, POS_MISSES_PER_IP 100. */
  const PER_KEY = 25
  const PER_IP = 100
  let seller: string
  let knownCode: string

  beforeAll(async () => {
    seller = (await createTerminal({ scopes: ["gift_card", "prepaid_charge", "loyalty"] })).key
    const sold = await posApi("/store/pos/gift-cards", { key: seller, body: { amount: 1000, currency_code: "eur" } })
    expect(sold.status, sold.text).toBe(201)
    knownCode = sold.body.gift_card.code
  })

  const unknown = () => `NOPE-${randomUUID().slice(0, 12)}`
  const lookup = (key: string, code: string, ip: string, headers: Record<string, string> = {}) =>
    posApi(`/store/pos/cards/${encodeURIComponent(code)}`, { key, headers: { "x-forwarded-for": ip, ...headers } })
  /** Sequential calls, so the answers come in the order the limiter counted them. */
  async function repeat<T>(n: number, call: (i: number) => Promise<T>): Promise<T[]> {
    const out: T[] = []
    for (let i = 0; i < n; i++) out.push(await call(i))
    return out
  }

  it("blocks only the guessing key: tills behind one router (one IP) go on working, on known and unknown codes", async () => {
    const nat = clientIp()
    const a = (await createTerminal({ scopes: ["gift_card"] })).key
    const b = (await createTerminal({ scopes: ["gift_card"] })).key

    // More misses than the per-IP limit, all from the address every till of the restaurant shares.
    const guesses = await Promise.all(Array.from({ length: PER_IP + 20 }, () => lookup(a, unknown(), nat)))
    expect(guesses.filter((r) => r.status === 404)).toHaveLength(PER_KEY)
    expect(guesses.filter((r) => r.status === 429)).toHaveLength(PER_IP + 20 - PER_KEY)

    // Key A is blocked for every lookup: a known code answers exactly as an unknown one does.
    const knownForA = await lookup(a, knownCode, nat)
    const unknownForA = await lookup(a, unknown(), nat)
    expect(knownForA.status).toBe(429)
    expect(Number(knownForA.headers.get("retry-after"))).toBeGreaterThan(0)
    expect(unknownForA.status).toBe(429)
    expect(knownForA.body).toEqual(unknownForA.body)

    // Key B on the same IP is not throttled because of A.
    const knownForB = await lookup(b, knownCode, nat)
    expect(knownForB.status, knownForB.text).toBe(200)
    expect(knownForB.body.card.kind).toBe("gift_card")
    const unknownForB = await lookup(b, unknown(), nat)
    expect(unknownForB.status).toBe(404)
  })

  it("counts X-Staff-Card guesses against the key", async () => {
    const key = (await createTerminal({ scopes: ["gift_card"] })).key
    const ip = clientIp()
    const answers = await repeat(PER_KEY + 2, () => lookup(key, knownCode, ip, { "x-staff-card": `GUESS-${randomUUID().slice(0, 8)}` }))
    expect(answers.slice(0, PER_KEY).map((r) => r.body.type)).toEqual(Array(PER_KEY).fill("unknown_staff_card"))
    expect(answers.slice(PER_KEY).map((r) => r.status)).toEqual([429, 429])
    // Blocked: the card's lookup waits too, without a staff card as well.
    expect((await lookup(key, knownCode, ip)).status).toBe(429)
  })

  it.each([
    ["a voucher sale", "/store/pos/gift-cards", (code: string) => ({ amount: 100, currency_code: "eur", code })],
    ["a prepaid card issue", "/store/pos/prepaid-cards", (code: string) => ({ currency_code: "eur", code })],
    ["a customer registration", "/store/pos/customers", (code: string) => ({ first_name: "Guess", last_name: "Er", card_code: code })],
  ])("counts 409 code_taken on %s as a miss", async (_what, path, body) => {
    const key = (await createTerminal({ scopes: ["gift_card", "prepaid_charge", "loyalty"] })).key
    const answers = await repeat(PER_KEY + 2, () => posApi(path, { key, body: body(knownCode) }))
    expect(answers.slice(0, PER_KEY).map((r) => r.body.type)).toEqual(Array(PER_KEY).fill("code_taken"))
    expect(answers.slice(PER_KEY).map((r) => r.status)).toEqual([429, 429])
    expect(answers[PER_KEY].headers.get("retry-after")).toMatch(/^\d+$/)
  })

  /** 16 symbols of the generated alphabet with a check character that does not match. */
  function wrongCheck(): string {
    const code = generateCode()
    const other = CODE_ALPHABET[(CODE_ALPHABET.indexOf(code[15]) + 1 + randomInt(CODE_ALPHABET.length - 1)) % CODE_ALPHABET.length]
    return code.slice(0, 15) + other
  }

  it.each([
    ["of the generated shape with a wrong check character", wrongCheck],
    ["like OWN1796111103626 (O read as zero)", () => `OWN${String(randomInt(10 ** 12)).padStart(13, "1")}`],
  ])("sells a voucher with an own 16-character number %s and finds it again", async (_what, make) => {
    const own = make()
    const sold = await posApi("/store/pos/gift-cards", { key: seller, body: { amount: 700, currency_code: "eur", code: own } })
    expect(sold.status, sold.text).toBe(201)
    const found = await posApi(`/store/pos/cards/${own.toLowerCase()}`, { key: seller })
    expect(found.status, found.text).toBe(200)
    expect(found.body.card.accounts[0].balance).toBe(700)
  })

  it("still answers an unknown, mistyped generated code with invalid_code", async () => {
    const res = await posApi(`/store/pos/cards/${wrongCheck()}`, { key: seller })
    expect(res.status).toBe(400)
    expect(res.body.type).toBe("invalid_code")
  })

  it("refuses own value-card numbers under 8 characters and takes customer cards from 4", async () => {
    const short = `${randomUUID().replace(/-/g, "").slice(0, 4).toUpperCase()}`
    const voucher = await posApi("/store/pos/gift-cards", { key: seller, body: { amount: 100, currency_code: "eur", code: short } })
    expect(voucher.status).toBe(400)
    expect(voucher.body).toEqual({ type: "invalid_request", message: expect.stringContaining("8 to 64") })
    const dashed = await posApi("/store/pos/gift-cards", { key: seller, body: { amount: 100, currency_code: "eur", code: `AB-CD-${short.slice(0, 3)}` } })
    expect(dashed.status).toBe(400)
    const prepaid = await posApi("/store/pos/prepaid-cards", { key: seller, body: { currency_code: "eur", code: short } })
    expect(prepaid.status).toBe(400)
    const batch = await adminApi("/admin/vouchers/batch", { body: { currency_code: "eur", codes: [short] } })
    expect(batch.status).toBe(400)

    const eight = `${short}${randomUUID().slice(0, 4).toUpperCase()}`
    expect((await posApi("/store/pos/gift-cards", { key: seller, body: { amount: 100, currency_code: "eur", code: eight } })).status).toBe(201)

    const customer = await posApi("/store/pos/customers", { key: seller, body: { first_name: "Kurz", last_name: "Karte", card_code: short } })
    expect(customer.status, customer.text).toBe(201)
    expect(customer.body.card.code).toBe(short)
    const tooShort = await posApi("/store/pos/customers", { key: seller, body: { first_name: "Zu", last_name: "Kurz", card_code: "AB1" } })
    expect(tooShort.status).toBe(400)
  })

  it("refuses a value-card number range whose codes would be shorter than 8 characters", async () => {
    const res = await adminApi("/admin/ledger/code-ranges", { body: { name: "Short", card_kind: "gift_card", prefix: "GS", start: 1, end: 5000 } })
    expect(res.status).toBe(400)
    expect(res.body.type).toBe("range_invalid")
  })
})
