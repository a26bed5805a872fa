import { describe, expect, it } from "vitest"

import { addDays, localDay, localInstant } from "../../src/plugins/core/src/utils/local-date"

describe("local wall time in a zone (core)", () => {
  it("is the instant of a Berlin wall time in winter and in summer", () => {
    expect(localInstant("2026-01-15", "19:00", "Europe/Berlin").toISOString()).toBe("2026-01-15T18:00:00.000Z")
    expect(localInstant("2026-07-01", "23:59", "Europe/Berlin").toISOString()).toBe("2026-07-01T21:59:00.000Z")
    expect(localInstant("2026-07-01", "00:00", "America/New_York").toISOString()).toBe("2026-07-01T04:00:00.000Z")
  })

  it("keeps the wall time across a clock change and moves a skipped time on by the gap", () => {
    expect(localInstant("2026-03-29", "08:00", "Europe/Berlin").toISOString()).toBe("2026-03-29T06:00:00.000Z")
    expect(localInstant("2026-03-29", "00:00", "Europe/Berlin").toISOString()).toBe("2026-03-28T23:00:00.000Z")
    expect(localInstant("2026-03-29", "02:30", "Europe/Berlin").toISOString()).toBe("2026-03-29T01:30:00.000Z")
    expect(localInstant("2026-10-25", "00:00", "Europe/Berlin").toISOString()).toBe("2026-10-24T22:00:00.000Z")
    expect(localInstant("2026-10-25", "12:00", "Europe/Berlin").toISOString()).toBe("2026-10-25T11:00:00.000Z")
  })

  it("counts calendar days over month and year ends, and agrees with localDay", () => {
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01")
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28")
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29")
    expect(addDays("2026-05-10", 0)).toBe("2026-05-10")
    const instant = localInstant("2026-10-25", "23:30", "Europe/Berlin")
    expect(localDay(instant, "Europe/Berlin")).toBe("2026-10-25")
    expect(localDay(instant, "UTC")).toBe("2026-10-25")
  })
})
