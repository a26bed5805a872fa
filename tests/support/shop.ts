import { expect } from "vitest"

import { adminApi, api } from "./api"

/** The demo shop the seed makes: its euro region and the variant of the "Tagesmenü" product. */
export async function demoShop(): Promise<{ regionId: string; variantId: string; productId: string }> {
  const regions = await api<{ regions: { id: string; currency_code: string }[] }>("/store/regions")
  const region = regions.body.regions.find((r) => r.currency_code === "eur")
  const products = await api<{ products: { id: string; variants: { id: string }[] }[] }>("/store/products?handle=tagesmenue")
  const product = products.body.products[0]
  if (!region || !product) {
    throw new Error("the demo shop (euro region, product tagesmenue) is missing from the seed")
  }
  return { regionId: region.id, variantId: product.variants[0].id, productId: product.id }
}

/** Pays a cart with the manual provider and completes it: the order's id (authorized, not captured). */
export async function payAndComplete(cartId: string): Promise<string> {
  const sessions = await api(`/store/carts/${cartId}/payment-sessions`, { method: "POST" })
  expect(sessions.status, sessions.text).toBe(200)
  const selected = await api(`/store/carts/${cartId}/payment-session`, { body: { provider_id: "manual" } })
  expect(selected.status, selected.text).toBe(200)
  const completed = await api(`/store/carts/${cartId}/complete`, { method: "POST" })
  expect(completed.status, completed.text).toBe(200)
  expect(completed.body.type, completed.text).toBe("order")
  return completed.body.data.id
}

/** Captures an order's payment as the merchant does in the admin. */
export async function capture(orderId: string): Promise<void> {
  const captured = await adminApi(`/admin/orders/${orderId}/capture`, { method: "POST" })
  expect(captured.status, captured.text).toBe(200)
}
