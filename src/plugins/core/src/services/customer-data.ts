import { TransactionBaseService } from "@medusajs/medusa"
import type { AwilixContainer } from "awilix"
import type { EntityManager } from "typeorm"

import { affectedRows, CustomerDataLabel, ErasureReport, listCustomerData } from "../customer-data"
import { DomainError } from "../errors"
import { newEntityId } from "../utils/entity-id"

type InjectedDependencies = { manager: EntityManager }

/** The address an erased customer's e-mail becomes: unique, and never deliverable (RFC 6761 `.invalid`). */
export function erasedEmail(customerId: string): string {
  return `erased+${customerId}@invalid`
}

/** One plugin's part of an erasure, as answered and kept in the audit row (counts and reasons, no personal data). */
export type ErasureSection = ErasureReport & { plugin: string; label: CustomerDataLabel }

export type ErasureDTO = {
  id: string
  customer_id: string
  erased_by: string | null
  erased_at: string
  sections: ErasureSection[]
}

export type CustomerDataExport = {
  format: "customer-modules.customer-data/1"
  exported_at: string
  customer_id: string
  erased: ErasureDTO | null
  medusa: { customer: Record<string, unknown>; addresses: Record<string, unknown>[]; orders: Record<string, unknown>[] }
  sections: Record<string, { label: CustomerDataLabel; data: unknown }>
}

/** The most orders the export summarises (newest first); a longer history says so with `orders_total`. */
const MAX_ORDERS = 1000

const RETAINED_ORDERS = {
  de: "Bestellungen bleiben als Buchungsbelege (§ 147 AO, § 257 HGB: 10 Jahre); ihre E-Mail-Adresse wurde ersetzt",
  en: "Orders stay as accounting records (German AO § 147, HGB § 257: 10 years); their e-mail address was replaced",
  pt: "As encomendas ficam como documentos contabilísticos (10 anos); o e-mail foi substituído",
}

/**
 * A customer's data rights: everything the modules hold about a customer as
 * one document, and the erasure of their personal data in every plugin in
 * one transaction, with an audit row (who, whom, when, what was kept).
 */
export default class CustomerDataService extends TransactionBaseService {
  constructor(container: InjectedDependencies) {
    super(container)
  }

  /** Everything Medusa and the plugins hold about the customer (404 for an unknown customer). */
  async export(customerId: string, container: AwilixContainer): Promise<CustomerDataExport> {
    const manager = this.activeManager_
    const customer = await this.customerRow(manager, customerId, false)
    const erased = await this.findErasure(manager, customerId)
    const addresses = await manager.query(
      `SELECT id, company, first_name, last_name, address_1, address_2, city, postal_code, province, country_code, phone, created_at
         FROM address WHERE customer_id = $1 AND deleted_at IS NULL ORDER BY created_at`,
      [customerId]
    )
    const orders = await manager.query(
      `SELECT o.id, o.display_id, o.status, o.payment_status, o.fulfillment_status, o.currency_code, o.created_at,
              (SELECT COALESCE(SUM(li.unit_price * li.quantity), 0)::bigint FROM line_item li WHERE li.order_id = o.id) AS items_total
         FROM "order" o WHERE o.customer_id = $1 ORDER BY o.created_at DESC LIMIT ${MAX_ORDERS}`,
      [customerId]
    )
    const sections: CustomerDataExport["sections"] = {}
    for (const def of listCustomerData()) {
      sections[def.plugin] = { label: def.label, data: await def.export(customerId, manager, { container, erased: erased !== null }) }
    }
    return {
      format: "customer-modules.customer-data/1",
      exported_at: new Date().toISOString(),
      customer_id: customerId,
      erased,
      medusa: {
        customer: {
          id: customer.id,
          email: customer.email,
          first_name: customer.first_name,
          last_name: customer.last_name,
          phone: customer.phone,
          has_account: customer.has_account,
          metadata: customer.metadata,
          created_at: customer.created_at,
        },
        addresses,
        orders: orders.map((o: Record<string, unknown>) => ({ ...o, items_total: Number(o.items_total) })),
      },
      sections,
    }
  }

  /**
   * Erases the customer's personal data: every plugin's hook first (while the
   * customer's e-mail and phone still find their bookings), then Medusa's
   * customer, addresses and the e-mail on orders and carts. The caller owns
   * the transaction. Idempotent: an erased customer gets the first erasure's
   * answer. `confirmation` must equal the customer's e-mail (400 otherwise).
   */
  async erase(customerId: string, confirmation: string, userId: string | null, container: AwilixContainer): Promise<{ erasure: ErasureDTO; repeated: boolean }> {
    const manager = this.activeManager_
    const customer = await this.customerRow(manager, customerId, true)
    const before = await this.findErasure(manager, customerId)
    if (before) {
      return { erasure: before, repeated: true }
    }
    const email = String(customer.email ?? "").trim().toLowerCase()
    if (!email || confirmation.trim().toLowerCase() !== email) {
      throw new DomainError("confirmation_mismatch", "Type the customer's e-mail address exactly to confirm the erasure", 400)
    }
    const sections: ErasureSection[] = []
    for (const def of listCustomerData()) {
      const report = await def.erase(customerId, manager, { container, erased: false })
      sections.push({ plugin: def.plugin, label: def.label, anonymised: report.anonymised ?? {}, removed: report.removed ?? {}, retained: report.retained })
    }
    sections.unshift(await this.eraseMedusa(manager, customerId))
    const id = newEntityId("cdera")
    const [row] = await manager.query(
      `INSERT INTO customer_data_erasure (id, customer_id, erased_by, sections) VALUES ($1, $2, $3, $4::jsonb)
       RETURNING id, customer_id, erased_by, erased_at, sections`,
      [id, customerId, userId, JSON.stringify(sections)]
    )
    return { erasure: toDTO(row), repeated: false }
  }

  private async eraseMedusa(manager: EntityManager, customerId: string): Promise<ErasureSection> {
    const address = erasedEmail(customerId)
    const addresses = await manager.query(
      `UPDATE address SET company = NULL, first_name = NULL, last_name = NULL, address_1 = NULL, address_2 = NULL, city = NULL,
              postal_code = NULL, province = NULL, phone = NULL, metadata = NULL, deleted_at = COALESCE(deleted_at, now()), updated_at = now()
        WHERE customer_id = $1 OR id = (SELECT billing_address_id FROM customer WHERE id = $1)
        RETURNING id`,
      [customerId]
    )
    await manager.query(
      `UPDATE customer SET first_name = NULL, last_name = NULL, email = $2, phone = NULL, metadata = NULL,
              password_hash = NULL, billing_address_id = NULL, updated_at = now()
        WHERE id = $1`,
      [customerId, address]
    )
    const orders = await manager.query(`UPDATE "order" SET email = $2 WHERE customer_id = $1 RETURNING id`, [customerId, address])
    const carts = await manager.query(`UPDATE cart SET email = $2 WHERE customer_id = $1 RETURNING id`, [customerId, address])
    return {
      plugin: "medusa",
      label: { de: "Kunde (Medusa)", en: "Customer (Medusa)", pt: "Cliente (Medusa)" },
      anonymised: { customer: 1, addresses: affectedRows(addresses), orders: affectedRows(orders), carts: affectedRows(carts) },
      removed: {},
      retained: affectedRows(orders) > 0 ? [{ what: "orders", count: affectedRows(orders), reason: RETAINED_ORDERS }] : [],
    }
  }

  private async customerRow(manager: EntityManager, customerId: string, lock: boolean): Promise<Record<string, unknown>> {
    const [row] = await manager.query(
      `SELECT id, email, first_name, last_name, phone, has_account, metadata, created_at FROM customer
        WHERE id = $1 AND deleted_at IS NULL${lock ? " FOR UPDATE" : ""}`,
      [customerId]
    )
    if (!row) {
      throw new DomainError("not_found", `No customer with id ${customerId}`, 404)
    }
    return row
  }

  private async findErasure(manager: EntityManager, customerId: string): Promise<ErasureDTO | null> {
    const [row] = await manager.query(
      `SELECT id, customer_id, erased_by, erased_at, sections FROM customer_data_erasure WHERE customer_id = $1`,
      [customerId]
    )
    return row ? toDTO(row) : null
  }
}

function toDTO(row: Record<string, unknown>): ErasureDTO {
  return {
    id: row.id as string,
    customer_id: row.customer_id as string,
    erased_by: (row.erased_by as string | null) ?? null,
    erased_at: new Date(row.erased_at as string).toISOString(),
    sections: row.sections as ErasureSection[],
  }
}
