import { describe, expect, it } from "vitest"

import { transactionsCsv } from "../../src/plugins/prepaid/src/utils/csv"
import { dayWindow } from "../../src/plugins/prepaid/src/utils/day-window"

const at = (iso: string) => new Date(iso)

describe("the business day of a location", () => {
  it("is midnight to midnight local time in Berlin in winter (UTC+1)", () => {
    expect(dayWindow(at("2026-01-15T10:00:00Z"), "Europe/Berlin")).toEqual({
      day: "2026-01-15",
      start: at("2026-01-14T23:00:00Z"),
      end: at("2026-01-15T23:00:00Z"),
    })
  })

  it("puts 23:30 UTC in Berlin's next day", () => {
    expect(dayWindow(at("2026-07-01T23:30:00Z"), "Europe/Berlin").day).toBe("2026-07-02")
    expect(dayWindow(at("2026-07-01T23:30:00Z"), "UTC").day).toBe("2026-07-01")
  })

  it("has 23 hours on the day the clocks go forward and 25 on the day they go back", () => {
    const spring = dayWindow(at("2026-03-29T12:00:00Z"), "Europe/Berlin")
    expect(spring.start).toEqual(at("2026-03-28T23:00:00Z"))
    expect(spring.end).toEqual(at("2026-03-29T22:00:00Z"))
    const autumn = dayWindow(at("2026-10-25T12:00:00Z"), "Europe/Berlin")
    expect(autumn.start).toEqual(at("2026-10-24T22:00:00Z"))
    expect(autumn.end).toEqual(at("2026-10-25T23:00:00Z"))
  })

  it("works west of UTC and across a year's end", () => {
    expect(dayWindow(at("2027-01-01T03:00:00Z"), "America/New_York")).toEqual({
      day: "2026-12-31",
      start: at("2026-12-31T05:00:00Z"),
      end: at("2027-01-01T05:00:00Z"),
    })
  })

  it("works in zones with odd offsets", () => {
    const w = dayWindow(at("2026-05-10T20:00:00Z"), "Asia/Kathmandu") // UTC+5:45
    expect(w.day).toBe("2026-05-11")
    expect(w.start).toEqual(at("2026-05-10T18:15:00Z"))
  })

  it("always contains the instant it was asked about", () => {
    for (const tz of ["Europe/Berlin", "America/Sao_Paulo", "Australia/Lord_Howe", "Pacific/Kiritimati", "Pacific/Pago_Pago"]) {
      for (let h = 0; h < 24 * 400; h += 7) {
        const t = new Date(Date.UTC(2026, 0, 1) + h * 3_600_000)
        const w = dayWindow(t, tz)
        expect(w.start.getTime()).toBeLessThanOrEqual(t.getTime())
        expect(w.end.getTime()).toBeGreaterThan(t.getTime())
      }
    }
  })
})

describe("the transactions CSV", () => {
  const tx = (over: Record<string, unknown>) => ({
    id: "ltx_1",
    account_id: "vacc_1",
    type: "load",
    amount: 1000,
    balance_after: 1000,
    currency_code: "eur",
    reverses_id: null,
    reference: null,
    location_id: null,
    terminal_id: null,
    staff_id: null,
    metadata: null,
    created_at: new Date("2026-02-01T08:00:00Z"),
    ...over,
  })

  it("quotes commas, quotes and line breaks, and defuses spreadsheet formulas", () => {
    const csv = transactionsCsv(
      [
        { transaction: tx({ reference: 'a "b", c\nd', metadata: { tender: "cash" } }) as never, code: "1234", customer_id: null },
        { transaction: tx({ id: "ltx_2", type: "charge", amount: -5, reference: "@SUM(A1)" }) as never, code: "=1+1", customer_id: "cus_1" },
      ],
      new Map()
    )
    const lines = csv.split("\r\n")
    expect(lines[1]).toBe('2026-02-01T08:00:00.000Z,ltx_1,1234,,load,1000,eur,1000,cash,"a ""b"", c\nd",,,,')
    expect(lines[2]).toContain(",'=1+1,cus_1,charge,-5,")
    expect(lines[2]).toContain(",'@SUM(A1),")
  })
})
