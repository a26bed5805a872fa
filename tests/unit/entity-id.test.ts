import { describe, expect, it } from "vitest"

import { newEntityId } from "../../src/plugins/core/src/utils/entity-id"

describe("newEntityId", () => {
  it("makes ids in Medusa's shape: the prefix and a 26-character ULID", () => {
    expect(newEntityId("ltx")).toMatch(/^ltx_[0-9A-HJKMNP-TV-Z]{26}$/)
  })

  it("sorts ids by the millisecond they were made in", async () => {
    const first = newEntityId("ikey")
    await new Promise((r) => setTimeout(r, 5))
    const second = newEntityId("ikey")
    expect(first.slice(0, 15) < second.slice(0, 15)).toBe(true)
  })

  it("never repeats within many thousands of ids, across refills of its random pool", () => {
    const ids = new Set(Array.from({ length: 50_000 }, () => newEntityId("x")))
    expect(ids.size).toBe(50_000)
  })

  it("uses every character of the alphabet in the random part", () => {
    const seen = new Set(Array.from({ length: 2_000 }, () => newEntityId("x").slice(12)).join(""))
    expect(seen.size).toBe(32)
  })
})
