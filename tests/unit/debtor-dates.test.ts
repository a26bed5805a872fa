import { describe, expect, it } from "vitest"

import { addDays, daysBetween, localDate } from "../../src/plugins/debtor/src/utils/dates"

describe("the merchant's calendar for invoice numbers and due dates", () => {
  it("puts an invoice written at 00:30 on New Year's Day in Berlin into the new year, though it is still the old one in UTC", () => {
    expect(localDate(new Date("2026-12-31T23:30:00Z"), "Europe/Berlin")).toBe("2027-01-01")
    expect(localDate(new Date("2026-12-31T23:30:00Z"), "UTC")).toBe("2026-12-31")
    expect(localDate(new Date("2027-01-01T04:30:00Z"), "America/New_York")).toBe("2026-12-31")
  })

  it("adds payment terms across month, year and DST changes by calendar days", () => {
    expect(addDays("2026-12-20", 14)).toBe("2027-01-03")
    expect(addDays("2026-03-20", 14)).toBe("2026-04-03")
    expect(addDays("2028-02-20", 10)).toBe("2028-03-01")
    expect(daysBetween("2026-03-20", "2026-04-03")).toBe(14)
  })
})
