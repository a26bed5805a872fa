/**
 * The customer data registry (decision 140) as a plugin uses it: definitions
 * are validated, listed by plugin name, and a plugin registering again
 * replaces its own hooks instead of adding a second section.
 */
import path from "path"

import { describe, expect, it } from "vitest"

import { ROOT } from "../support/server"

// The compiled core, as the server runs it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const registry = require(path.join(ROOT, "src/plugins/core/dist/customer-data"))

const label = { de: "Test", en: "Test", pt: "Teste" }
const hooks = { export: async () => ({ rows: [] }), erase: async () => ({ retained: [] }) }

describe("registerCustomerData", () => {
  it("refuses a plugin name that is no plugin name, and a definition without both hooks", () => {
    expect(() => registry.registerCustomerData({ plugin: "Bad Name", label, ...hooks })).toThrow(/not a plugin name/)
    expect(() => registry.registerCustomerData({ plugin: "fixture-a", label, export: hooks.export })).toThrow(/export and erase are both required/)
  })

  it("lists registrations by plugin name and replaces a plugin's own on a second registration", async () => {
    registry.registerCustomerData({ plugin: "fixture-z", label, ...hooks })
    registry.registerCustomerData({ plugin: "fixture-b", label, ...hooks })
    registry.registerCustomerData({ plugin: "fixture-b", label, ...hooks, export: async () => ({ second: true }) })
    const mine = registry.listCustomerData().filter((d: { plugin: string }) => d.plugin.startsWith("fixture-"))
    expect(mine.map((d: { plugin: string }) => d.plugin)).toEqual(["fixture-b", "fixture-z"])
    await expect(mine[0].export("cus_x", null, { container: null, erased: false })).resolves.toEqual({ second: true })
  })

  it("collects every page of a paged list and stops at the total", async () => {
    const rows = Array.from({ length: 450 }, (_, i) => i)
    const seen: number[] = []
    const all = await registry.everyPage(async (page: { limit: number; offset: number }) => {
      seen.push(page.offset)
      return [rows.slice(page.offset, page.offset + page.limit), rows.length]
    })
    expect(all).toEqual(rows)
    expect(seen).toEqual([0, 200, 400])
  })
})
