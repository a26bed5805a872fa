/** Storefront customers for tests: signed up through the store API and signed in. */
import { randomUUID } from "crypto"

import { expect } from "vitest"

import { api } from "./api"

export type SignedInCustomer = { id: string; email: string; token: string }

/** A new storefront customer, signed in (bearer token from /store/auth/token). */
export async function signUp(name = { first_name: "Pia", last_name: "Prepaid" }): Promise<SignedInCustomer> {
  const email = `cust-${randomUUID().slice(0, 8)}@example.com`
  const password = "secret-password"
  const created = await api("/store/customers", { body: { ...name, email, password } })
  expect(created.status, created.text).toBe(200)
  const token = await api("/store/auth/token", { body: { email, password } })
  expect(token.status, token.text).toBe(200)
  return { id: created.body.customer.id, email, token: token.body.access_token }
}
