import type { CustomerService } from "@medusajs/medusa"
import type { EntityManager } from "typeorm"

import { DomainError } from "@customer-modules/core"

export type DebtorCustomer = { id: string; first_name: string | null; last_name: string | null; email: string }

/** The customer; `unknown_customer` (422, a reference in a body) or `not_found` (404, the path) otherwise. */
export async function debtorCustomer(customers: CustomerService, manager: EntityManager, id: string, status: 404 | 422 = 422): Promise<DebtorCustomer> {
  try {
    return await customers.withTransaction(manager).retrieve(id, { select: ["id", "first_name", "last_name", "email"] })
  } catch {
    throw new DomainError(status === 404 ? "not_found" : "unknown_customer", `No customer with id ${id}`, status)
  }
}
