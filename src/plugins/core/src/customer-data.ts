import type { AwilixContainer } from "awilix"
import type { EntityManager } from "typeorm"

/** A text in the three languages of the admin. */
export type CustomerDataLabel = { de: string; en: string; pt: string }

/** What an erasure left in place, and the reason (a retention duty, a balance that is still owed…). */
export type RetainedData = { what: string; count?: number; reason: CustomerDataLabel }

/** What a plugin's erasure did: how many records it anonymised or removed, what it kept and why. */
export type ErasureReport = { anonymised?: Record<string, number>; removed?: Record<string, number>; retained: RetainedData[] }

/** What the hooks get besides the customer and the transaction. */
export type CustomerDataContext = {
  /** The request's container: a plugin resolves its own services (bound to `manager` with `withTransaction`). */
  container: AwilixContainer
  /** True once the customer was erased: an export then leaves out what is kept only for retention. */
  erased: boolean
}

/**
 * A plugin's part of a customer's data rights (GDPR art. 15, 17, 20). `export`
 * returns JSON-serialisable data (what the plugin holds about the customer);
 * `erase` anonymises or removes the personal data inside `manager`'s
 * transaction and says what it kept and why. Both run with the Medusa
 * customer still as it was: core anonymises the customer itself last.
 */
export type CustomerDataDefinition = {
  plugin: string
  label: CustomerDataLabel
  export(customerId: string, manager: EntityManager, ctx: CustomerDataContext): Promise<unknown>
  erase(customerId: string, manager: EntityManager, ctx: CustomerDataContext): Promise<ErasureReport>
}

const PLUGIN = /^[a-z][a-z0-9-]{1,39}$/
const KEY = Symbol.for("customer-modules.core.customer-data")
type Registry = Map<string, CustomerDataDefinition>

/** One registry per process, even if the module were loaded twice. */
function registry(): Registry {
  const holder = globalThis as unknown as { [KEY]?: Registry }
  holder[KEY] ??= new Map()
  return holder[KEY]
}

/** Registers a plugin's export and erasure hooks (from its loader); registering again for the same plugin replaces them. */
export function registerCustomerData(def: CustomerDataDefinition): void {
  if (!PLUGIN.test(def.plugin)) {
    throw new Error(`customer data: plugin ${JSON.stringify(def.plugin)} is not a plugin name (a-z, 0-9, -)`)
  }
  if (typeof def.export !== "function" || typeof def.erase !== "function") {
    throw new Error(`customer data of ${def.plugin}: export and erase are both required`)
  }
  registry().set(def.plugin, { ...def, label: { ...def.label } })
}

/** Every registered plugin's hooks, by plugin name. */
export function listCustomerData(): CustomerDataDefinition[] {
  return [...registry().values()].sort((a, b) => a.plugin.localeCompare(b.plugin))
}

/** Rows an `UPDATE … RETURNING` touched (TypeORM answers `[rows, count]` for it on PostgreSQL). */
export function affectedRows(result: unknown): number {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === "number") {
    return result[1]
  }
  return Array.isArray(result) ? result.length : 0
}

/** What an anonymised row shows in a required name column. */
export const ERASED_NAME = "—"

/**
 * Anonymises the rows of `table` (alias `r`) that are the customer's: `name`
 * becomes ERASED_NAME, the `set` assignments run, `updated_at` is now. `mine`
 * is the SQL condition (the customer's id is `$1`), `with` an optional
 * `WITH …` it reads. Answers the report of a plugin that keeps the rows,
 * anonymised, for `reason` (add `removed` where it deletes more).
 */
export async function anonymiseRows(
  manager: EntityManager,
  customerId: string,
  opts: { table: string; what: string; set: string[]; mine: string; with?: string; reason: CustomerDataLabel }
): Promise<ErasureReport> {
  const rows = await manager.query(
    `${opts.with ?? ""}
     UPDATE ${opts.table} r SET name = $2, ${opts.set.join(", ")}, updated_at = now()
      WHERE ${opts.mine} RETURNING r.id`,
    [customerId, ERASED_NAME]
  )
  const count = affectedRows(rows)
  return { anonymised: { [opts.what]: count }, retained: [{ what: opts.what, count, reason: { ...opts.reason } }] }
}

/** Every row of a paged `listAndCount` (pages of `pageSize`), at most `max`: exports want the whole history. */
export async function everyPage<T>(fetch: (page: { limit: number; offset: number }) => Promise<[T[], number]>, pageSize = 200, max = 100_000): Promise<T[]> {
  const all: T[] = []
  for (let offset = 0; offset < max; offset += pageSize) {
    const [rows, total] = await fetch({ limit: pageSize, offset })
    all.push(...rows)
    if (rows.length < pageSize || all.length >= total) {
      break
    }
  }
  return all
}
