import type { EntityManager } from "typeorm"

import { DomainError } from "./errors"

/** 400 `invalid_currency` unless Medusa knows the ISO 4217 code (any case). */
export async function assertCurrency(manager: EntityManager, code: string): Promise<void> {
  const [row] = await manager.query(`SELECT 1 FROM currency WHERE code = $1`, [code.toLowerCase()])
  if (!row) {
    throw new DomainError("invalid_currency", `Unknown currency "${code}"`, 400)
  }
}

/** 422 `unknown_customer` (a customer referenced in a body) unless the Medusa customer exists. */
export async function assertCustomer(manager: EntityManager, id: string): Promise<void> {
  const [row] = await manager.query(`SELECT 1 FROM customer WHERE id = $1 AND deleted_at IS NULL`, [id])
  if (!row) {
    throw new DomainError("unknown_customer", `No customer with id ${id}`, 422)
  }
}
