import { describe, expect, it } from "vitest"

import { monthsBefore, unspentBefore } from "../../src/plugins/loyalty/src/utils/expiry"
import { birthdayKeys, campaignAt, multiplied, pointsFor, share } from "../../src/plugins/loyalty/src/utils/points"

const perEuro = { points_per_unit: 1, unit_minor: 100 }

describe("points for an amount", () => {
  it("rounds down by default and half up when asked", () => {
    expect(pointsFor(2399, perEuro, "floor")).toBe(23)
    expect(pointsFor(2399, perEuro, "round")).toBe(24)
    expect(pointsFor(2349, perEuro, "round")).toBe(23)
    expect(pointsFor(2350, perEuro, "round")).toBe(24)
  })

  it("awards nothing below the minimum spend, for nothing or for bad amounts", () => {
    expect(pointsFor(999, perEuro, "floor", 1000)).toBe(0)
    expect(pointsFor(1000, perEuro, "floor", 1000)).toBe(10)
    expect(pointsFor(0, perEuro, "floor")).toBe(0)
    expect(pointsFor(-100, perEuro, "floor")).toBe(0)
    expect(pointsFor(10.5, perEuro, "floor")).toBe(0)
  })

  it("stays exact for large amounts and other rates", () => {
    expect(pointsFor(Number.MAX_SAFE_INTEGER, { points_per_unit: 3, unit_minor: 1000 }, "floor")).toBe(27021597764222)
    expect(pointsFor(500, { points_per_unit: 2, unit_minor: 100 }, "floor")).toBe(10)
  })
})

describe("a proportional share", () => {
  it("floors and never exceeds the whole", () => {
    expect(share(25, 1000, 3000)).toBe(8)
    expect(share(25, 5000, 3000)).toBe(25)
    expect(share(25, 0, 3000)).toBe(0)
    expect(share(25, 10, 0)).toBe(0)
  })
})

describe("birthday keys", () => {
  it("counts days in the location's time zone", () => {
    // 23:30 UTC on 14 March is already 15 March in Berlin.
    expect(birthdayKeys(new Date("2026-03-14T23:30:00Z"), "Europe/Berlin", 1)).toEqual([{ key: "03-15", md: 315, date: "2026-03-15" }])
    expect(birthdayKeys(new Date("2026-03-14T23:30:00Z"), "UTC", 1)).toEqual([{ key: "03-14", md: 314, date: "2026-03-14" }])
  })

  it("celebrates 29 February on 28 February in other years, and crosses the year end", () => {
    expect(birthdayKeys(new Date("2027-02-28T12:00:00Z"), "UTC", 1).map((k) => k.key)).toEqual(["02-28", "02-29"])
    expect(birthdayKeys(new Date("2028-02-28T12:00:00Z"), "UTC", 2).map((k) => k.key)).toEqual(["02-28", "02-29"])
    expect(birthdayKeys(new Date("2026-12-31T12:00:00Z"), "UTC", 2).map((k) => k.date)).toEqual(["2026-12-31", "2027-01-01"])
  })
})

describe("points expiry, oldest first", () => {
  const tx = (amount: number, iso: string) => ({ amount, created_at: new Date(iso) })

  it("expires what is left of the points earned before the cutoff", () => {
    const history = [tx(100, "2025-01-10T00:00:00Z"), tx(-30, "2025-02-01T00:00:00Z"), tx(50, "2025-06-01T00:00:00Z")]
    expect(unspentBefore(history, new Date("2025-03-01T00:00:00Z"))).toBe(70)
    // Spending beyond the old points leaves nothing of them to expire.
    expect(unspentBefore([...history, tx(-80, "2025-07-01T00:00:00Z")], new Date("2025-03-01T00:00:00Z"))).toBe(0)
    expect(unspentBefore(history, new Date("2025-01-01T00:00:00Z"))).toBe(0)
  })

  it("counts calendar months back, clamped to the month's end", () => {
    expect(monthsBefore(new Date("2026-03-31T10:00:00Z"), 1).toISOString()).toBe("2026-02-28T10:00:00.000Z")
    expect(monthsBefore(new Date("2026-01-15T00:00:00Z"), 12).toISOString()).toBe("2025-01-15T00:00:00.000Z")
  })
})

describe("campaigns", () => {
  const double = { name: "double", multiplier_percent: 200, starts_at: "2026-12-01T00:00:00.000Z", ends_at: "2026-12-08T00:00:00.000Z" }
  const triple = { name: "triple here", multiplier_percent: 300, starts_at: "2026-12-03T00:00:00.000Z", ends_at: "2026-12-04T00:00:00.000Z", location_ids: ["loc_a"] }

  it("runs from its start up to, not including, its end", () => {
    expect(campaignAt([double], new Date("2026-11-30T23:59:59Z"), null)).toBeNull()
    expect(campaignAt([double], new Date("2026-12-01T00:00:00Z"), null)).toEqual({ name: "double", multiplier_percent: 200 })
    expect(campaignAt([double], new Date("2026-12-08T00:00:00Z"), null)).toBeNull()
  })

  it("applies the highest running campaign where the sale is; one for some tills does not reach the web shop", () => {
    const at = new Date("2026-12-03T12:00:00Z")
    expect(campaignAt([double, triple], at, "loc_a")?.name).toBe("triple here")
    expect(campaignAt([double, triple], at, "loc_b")?.name).toBe("double")
    expect(campaignAt([double, triple], at, null)?.name).toBe("double")
    expect(campaignAt([triple], at, null)).toBeNull()
  })

  it("multiplies in integers, rounding down", () => {
    expect(multiplied(23, 200)).toBe(46)
    expect(multiplied(23, 150)).toBe(34)
    expect(multiplied(0, 300)).toBe(0)
  })
})
