/** Overdue checks count only while the location is open, in its own time zone. */
import { describe, expect, it } from "vitest"

import { isOpen } from "../../src/plugins/feedback/src/services/feedback-check"

describe("isOpen", () => {
  const hours = [{ weekday: 1, open: "08:00", close: "22:00" }]

  it("is always open without opening hours", () => {
    expect(isOpen([], new Date("2026-01-04T03:00:00Z"), "Europe/Berlin")).toBe(true)
  })

  it("reads the opening hours in the location's zone, open inclusive and close exclusive", () => {
    // Monday 2026-01-05: 08:00 in Berlin is 07:00 UTC, 22:00 is 21:00 UTC.
    expect(isOpen(hours, new Date("2026-01-05T06:59:00Z"), "Europe/Berlin")).toBe(false)
    expect(isOpen(hours, new Date("2026-01-05T07:00:00Z"), "Europe/Berlin")).toBe(true)
    expect(isOpen(hours, new Date("2026-01-05T20:59:00Z"), "Europe/Berlin")).toBe(true)
    expect(isOpen(hours, new Date("2026-01-05T21:00:00Z"), "Europe/Berlin")).toBe(false)
    // The same instant is Sunday evening in New York: closed there.
    expect(isOpen(hours, new Date("2026-01-05T02:00:00Z"), "America/New_York")).toBe(false)
    expect(isOpen(hours, new Date("2026-01-05T14:00:00Z"), "America/New_York")).toBe(true)
  })
})
