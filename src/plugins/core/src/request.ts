import type { MedusaRequest } from "@medusajs/medusa"

import { DomainError } from "./errors"

/** The signed-in customer's id (the route's middleware has required one). */
export function customerIdOf(req: MedusaRequest): string {
  const id = (req.user as { customer_id?: string } | undefined)?.customer_id
  if (!id) {
    throw new DomainError("unauthorized", "Sign in as a customer", 401)
  }
  return id
}

/** The signed-in admin user's id, for the history's metadata. */
export function adminUserIdOf(req: MedusaRequest): string | null {
  const user = req.user as { userId?: string; id?: string } | undefined
  return user?.userId ?? user?.id ?? null
}
