import { describe, expect, it } from "vitest"

import { redactText, redactUrl } from "../../src/plugins/core/src/redact"
import type { LedgerTransactionDTO } from "../../src/plugins/ledger/src/types"
import { assertReversibleAtTill, parseReversalWindow } from "../../src/plugins/pos/src/api/store/pos/transactions/reversal-policy"

describe("redacting URLs and messages for the log", () => {
  it("blanks the code after a code-taking segment and keeps route words and entity ids", () => {
    expect(redactUrl("/store/pos/cards/ABCD-1234-XY")).toBe("/store/pos/cards/[redacted]")
    expect(redactUrl("/store/pos/loyalty/LC-123/earn")).toBe("/store/pos/loyalty/[redacted]/earn")
    expect(redactUrl("/store/pos/loyalty/rewards")).toBe("/store/pos/loyalty/rewards")
    expect(redactUrl("/store/carts/cart_01HXYZABCDEFGHJKMNPQRSTVWX/vouchers/GIFT-1")).toBe("/store/carts/cart_01HXYZABCDEFGHJKMNPQRSTVWX/vouchers/[redacted]")
    expect(redactUrl("/admin/loyalty/customers/cus_01HXYZABCDEFGHJKMNPQRSTVWX/cards/04A1B2C3/replace")).toBe(
      "/admin/loyalty/customers/cus_01HXYZABCDEFGHJKMNPQRSTVWX/cards/[redacted]/replace"
    )
    expect(redactUrl("/store/customers/me")).toBe("/store/customers/me")
    expect(redactUrl("/health")).toBe("/health")
  })

  it("blanks every query value and the fragment, also of an absolute URL", () => {
    expect(redactUrl("/store/pos/customers?q=anna%40x.de&limit=5")).toBe("/store/pos/customers?q=[redacted]&limit=[redacted]")
    expect(redactUrl("https://shop.example/store/loyalty/unsubscribe?customer_id=cus_1&token=abc#top")).toBe(
      "https://shop.example/store/loyalty/unsubscribe?customer_id=[redacted]&token=[redacted]#[redacted]"
    )
  })

  it("blanks e-mail addresses, printed codes and named codes in a message, not ordinary words", () => {
    expect(redactText("Gift card with code: 3828-3C6V-D9MD-VCNN was not found")).toBe("Gift card with code: [redacted] was not found")
    expect(redactText("mail to ana@example.com failed at /store/pos/cards/XYZ")).toBe("mail to [redacted] failed at /store/pos/cards/[redacted]")
    expect(redactText("the code was fine")).toBe("the code was fine")
  })
})

describe("what a till may reverse", () => {
  const location = { id: "loc_1", time_zone: "Europe/Berlin" }
  const tx = (over: Partial<LedgerTransactionDTO> = {}): LedgerTransactionDTO => ({
    id: "ltx_1",
    account_id: "vacc_1",
    type: "redeem",
    amount: -300,
    balance_after: 700,
    currency_code: "eur",
    reverses_id: null,
    reference: null,
    location_id: "loc_1",
    terminal_id: "term_1",
    staff_id: null,
    metadata: null,
    created_at: new Date("2026-07-01T08:00:00Z"),
    ...over,
  })
  const day = parseReversalWindow(undefined)

  it("allows its location's till movement of the same business day", () => {
    expect(() => assertReversibleAtTill(tx(), location, day, new Date("2026-07-01T21:59:00Z"))).not.toThrow()
  })

  it("refuses after midnight in the location's time zone, though it is still the same day in UTC", () => {
    expect(() => assertReversibleAtTill(tx(), location, day, new Date("2026-07-01T22:01:00Z"))).toThrow(/today/)
  })

  it("refuses web, admin and expiry movements, other locations and reversals", () => {
    const now = new Date("2026-07-01T09:00:00Z")
    for (const t of [tx({ terminal_id: null }), tx({ type: "adjust" }), tx({ type: "expire" }), tx({ type: "clear" }), tx({ location_id: "loc_2" }), tx({ type: "reverse" })]) {
      expect(() => assertReversibleAtTill(t, location, day, now)).toThrow(expect.objectContaining({ type: "not_reversible", status: 422 }))
    }
  })

  it("takes a window in minutes, and refuses a bad one", () => {
    const window = parseReversalWindow("2h")
    expect(window).toEqual({ kind: "minutes", minutes: 120 })
    expect(() => assertReversibleAtTill(tx(), location, window, new Date("2026-07-01T09:59:00Z"))).not.toThrow()
    expect(() => assertReversibleAtTill(tx(), location, window, new Date("2026-07-01T10:01:00Z"))).toThrow(/120 minutes/)
    for (const bad of ["0", "week", "-5", "99999999"]) {
      expect(() => parseReversalWindow(bad)).toThrow(/POS_REVERSAL_WINDOW/)
    }
  })
})
