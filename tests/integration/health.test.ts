import { describe, expect, it } from "vitest"

import { adminApi, api } from "../support/api"

describe("health and readiness", () => {
  it("answers Medusa's liveness probe", async () => {
    const res = await api("/health")
    expect(res.status).toBe(200)
  })

  it("reports ready when the database and Redis answer", async () => {
    const res = await api("/health/ready")
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ status: "ready", failing: [], checks: { database: "ok", redis: "ok" } })
  })
})

describe("demo data and the store API", () => {
  it("serves the seeded EUR region", async () => {
    const res = await api("/store/regions")
    expect(res.status).toBe(200)
    expect(res.body.regions).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: "Deutschland", currency_code: "eur" })])
    )
  })

  it("serves the seeded products with EUR prices", async () => {
    const res = await api("/store/products?limit=50")
    expect(res.status).toBe(200)
    expect(res.body.products.map((p: { handle: string }) => p.handle)).toEqual(
      expect.arrayContaining(["cappuccino", "croissant", "tagesmenue"])
    )
  })

  it("has the seeded customers", async () => {
    const res = await adminApi("/admin/customers?q=schmidt")
    expect(res.status).toBe(200)
    expect(res.body.customers).toEqual([expect.objectContaining({ email: "anna.schmidt@example.com" })])
  })
})

describe("customer modules registry", () => {
  it("refuses the list without admin login", async () => {
    const res = await api("/admin/customer-modules")
    expect(res.status).toBe(401)
  })

  it("lists every installed module with its version and health", async () => {
    const res = await adminApi("/admin/customer-modules")
    expect(res.status).toBe(200)
    expect(res.body.modules).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: "@customer-modules/core", version: "0.1.0", health: { status: "ok" } }),
      ])
    )
  })
})
