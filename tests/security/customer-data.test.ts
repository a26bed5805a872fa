/**
 * Who may export and erase a customer's data: the admin only (no login, a
 * customer's token and a terminal key get 401), and a customer only their own
 * export (the route has no customer id to change).
 */
import { randomUUID } from "crypto"

import { beforeAll, describe, expect, it } from "vitest"

import { adminApi, api } from "../support/api"
import { signUp } from "../support/customers"
import type { SignedInCustomer } from "../support/customers"
import { createTerminal } from "../support/pos"

let anna: SignedInCustomer
let ben: SignedInCustomer
let terminalKey: string

beforeAll(async () => {
  anna = await signUp({ first_name: "Anna", last_name: "Eigen" })
  ben = await signUp({ first_name: "Ben", last_name: "Fremd" })
  terminalKey = (await createTerminal({ scopes: ["gift_card", "prepaid_charge", "prepaid_topup", "loyalty", "debtor"] })).key
})

describe("customer data: wrong actors", () => {
  const actors = (): [string, Record<string, string>][] => [
    ["no login", {}],
    ["a customer's token", { authorization: `Bearer ${anna.token}` }],
    ["a terminal key", { authorization: `Bearer ${terminalKey}` }],
  ]

  it("refuses the admin export to anyone but the admin with 401", async () => {
    for (const [who, headers] of actors()) {
      const res = await api(`/admin/customer-data/${anna.id}/export`, { headers })
      expect(res.status, who).toBe(401)
      expect(res.text, who).not.toContain(anna.email)
    }
  })

  it("refuses the erasure to anyone but the admin with 401 and erases nothing", async () => {
    for (const [who, headers] of actors()) {
      const res = await api(`/admin/customer-data/${anna.id}/erase`, { body: { confirmation: anna.email }, headers: { ...headers, "idempotency-key": randomUUID() } })
      expect(res.status, who).toBe(401)
    }
    const still = await adminApi(`/admin/customer-data/${anna.id}/export`)
    expect(still.body.medusa.customer.email).toBe(anna.email)
    expect(still.body.erased).toBeNull()
  })

  it("refuses the store export without a customer's login with 401, a terminal key included", async () => {
    for (const [who, headers] of actors().filter(([w]) => w !== "a customer's token")) {
      const res = await api("/store/customers/me/data-export", { headers })
      expect(res.status, who).toBe(401)
    }
  })

  it("gives a customer their own data and never another's, whatever they add to the request", async () => {
    const own = await api(`/store/customers/me/data-export?customer_id=${ben.id}`, { token: anna.token })
    expect(own.status, own.text).toBe(200)
    expect(own.body.customer_id).toBe(anna.id)
    expect(own.text).not.toContain(ben.email)
    expect((await api(`/store/customers/${ben.id}/data-export`, { token: anna.token })).status).not.toBe(200)
    expect((await api(`/admin/customer-data/${ben.id}/export`, { token: anna.token })).status).toBe(401)
  })
})
