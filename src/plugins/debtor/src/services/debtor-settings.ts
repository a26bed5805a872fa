import { TransactionBaseService } from "@medusajs/medusa"
import type { CustomerService } from "@medusajs/medusa"
import type { EntityManager } from "typeorm"

import { DomainError } from "@customer-modules/core"
import type { PosLocationService } from "@customer-modules/pos"

import type { CustomerSettingsDTO } from "../types"
import { debtorCustomer } from "../utils/customers"

type InjectedDependencies = {
  manager: EntityManager
  customerService: CustomerService
  posLocationService: PosLocationService
}

/**
 * The debtor settings: per customer (payment terms, monthly statement,
 * postal address on invoices, approval and limit for buying on invoice) and
 * per POS location (its own invoice number prefix).
 *
 * Guarantees:
 * - a customer without a settings row has the defaults (no terms of their
 *   own, no statement, not approved, limit 0); a save merges the given
 *   fields into the stored ones and writes the whole row in one upsert;
 * - a number prefix belongs to one location at most (409 `prefix_taken`, and
 *   a unique index behind it); taking it back returns the location to the
 *   shared range.
 *
 * Resolved as `debtorSettingsService`; invoices read it through `settingsOf`
 * and `prefixOf` in their own transaction.
 */
export default class DebtorSettingsService extends TransactionBaseService {
  protected readonly customerService_: CustomerService
  protected readonly posLocationService_: PosLocationService

  constructor(container: InjectedDependencies) {
    super(container)
    this.customerService_ = container.customerService
    this.posLocationService_ = container.posLocationService
  }

  async settings(customerId: string): Promise<CustomerSettingsDTO> {
    await debtorCustomer(this.customerService_, this.activeManager_, customerId, 404)
    return this.settingsOf_(customerId, this.activeManager_)
  }

  async updateSettings(customerId: string, data: Partial<Omit<CustomerSettingsDTO, "customer_id">>): Promise<CustomerSettingsDTO> {
    return this.atomicPhase_(async (manager) => {
      await debtorCustomer(this.customerService_, this.activeManager_, customerId, 404)
      const current = await this.settingsOf_(customerId, manager)
      const next = { ...current, ...data }
      await manager.query(
        `INSERT INTO debtor_customer_setting (customer_id, payment_terms_days, monthly_statement, address_lines, invoice_approved, invoice_limit)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (customer_id) DO UPDATE SET payment_terms_days = $2, monthly_statement = $3, address_lines = $4,
           invoice_approved = $5, invoice_limit = $6, updated_at = now()`,
        [customerId, next.payment_terms_days, next.monthly_statement, JSON.stringify(next.address_lines), next.invoice_approved, next.invoice_limit]
      )
      return this.settingsOf_(customerId, manager)
    })
  }

  /** A location's own invoice number range (`RE-<prefix>-2026-00001`); null: the shared range. */
  async locationPrefix(locationId: string): Promise<string | null> {
    await this.posLocationService_.withTransaction(this.activeManager_).retrieve(locationId)
    return (await this.prefixOf_(locationId, this.activeManager_)) || null
  }

  /** Gives a location its own number range (or takes it back with null); 409 `prefix_taken`. */
  async setLocationPrefix(locationId: string, prefix: string | null): Promise<string | null> {
    return this.atomicPhase_(async (manager) => {
      await this.posLocationService_.withTransaction(manager).retrieve(locationId)
      if (prefix === null) {
        await manager.query(`DELETE FROM debtor_location_setting WHERE location_id = $1`, [locationId])
        return null
      }
      const [taken] = await manager.query(`SELECT location_id FROM debtor_location_setting WHERE number_prefix = $1 AND location_id <> $2`, [prefix, locationId])
      if (taken) {
        throw new DomainError("prefix_taken", `Another location already numbers its invoices with ${prefix}`, 409)
      }
      await manager.query(
        `INSERT INTO debtor_location_setting (location_id, number_prefix) VALUES ($1, $2)
         ON CONFLICT (location_id) DO UPDATE SET number_prefix = $2, updated_at = now()`,
        [locationId, prefix]
      )
      return prefix
    })
  }

  /** The customer's settings (defaults without a row), without checking that the customer exists: for invoices and statements. */
  async settingsOf(customerId: string): Promise<CustomerSettingsDTO> {
    return this.settingsOf_(customerId, this.activeManager_)
  }

  /** The location's number prefix, "" for the shared range: for numbering invoices. */
  async prefixOf(locationId: string): Promise<string> {
    return this.prefixOf_(locationId, this.activeManager_)
  }

  protected async prefixOf_(locationId: string, manager: EntityManager): Promise<string> {
    const [row] = await manager.query(`SELECT number_prefix FROM debtor_location_setting WHERE location_id = $1`, [locationId])
    return row?.number_prefix ?? ""
  }

  protected async settingsOf_(customerId: string, manager: EntityManager): Promise<CustomerSettingsDTO> {
    const [row] = await manager.query(`SELECT * FROM debtor_customer_setting WHERE customer_id = $1`, [customerId])
    return {
      customer_id: customerId,
      payment_terms_days: row?.payment_terms_days ?? null,
      monthly_statement: row?.monthly_statement ?? false,
      address_lines: row?.address_lines ?? [],
      invoice_approved: row?.invoice_approved ?? false,
      invoice_limit: Number(row?.invoice_limit ?? 0),
    }
  }
}
