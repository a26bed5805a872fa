/**
 * What every module demo gets: the container, the demo locations with their
 * till, top-up terminal and staff (from the POS demo), the demo customers, the
 * demo's "now" and its time zone, and a clock to date things relative to today.
 *
 * Services stamp their ledger entries with the database's `now()`; where a
 * service takes no time of its own, the demo records the instant it means and
 * `Backdater.apply()` moves only the `created_at` of those rows afterwards, in
 * one transaction (decision 146). Amounts, balances and the order of every
 * account's chain stay exactly as the services wrote them.
 */
import type { AwilixContainer } from "awilix"
import type { EntityManager } from "typeorm"

import { addDays, localDay, localInstant } from "@customer-modules/core"

export const DEMO_TIME_ZONE = "Europe/Berlin"

export type DemoLocation = {
  id: string
  name: string
  till_id: string
  top_up_id: string
  staff: { id: string; name: string; card_uid: string }[]
}

export type DemoCustomer = { id: string; first_name: string; last_name: string; email: string }

export type DemoContext = {
  container: AwilixContainer
  manager: EntityManager
  now: Date
  locations: DemoLocation[]
  customers: DemoCustomer[]
  clock: DemoClock
  backdate: Backdater
  /** Resolves a service by its container key. */
  resolve<T>(key: string): T
  /** Whether a plugin's service is registered (a module left out of the build seeds nothing). */
  has(key: string): boolean
}

/** Dates relative to the demo's today, in the demo's time zone. */
export class DemoClock {
  constructor(
    readonly now: Date,
    readonly timeZone = DEMO_TIME_ZONE
  ) {}

  /** The local calendar day `offsetDays` from today (negative: in the past), YYYY-MM-DD. */
  day(offsetDays = 0): string {
    return addDays(localDay(this.now, this.timeZone), offsetDays)
  }

  /** The instant of local time `hhmm` on the day `offsetDays` from today. */
  at(offsetDays: number, hhmm: string): Date {
    return localInstant(this.day(offsetDays), hhmm, this.timeZone)
  }

  /** `at()` as ISO text with its offset, as the APIs take instants. */
  iso(offsetDays: number, hhmm: string): string {
    return this.at(offsetDays, hhmm).toISOString()
  }

  /** Whether the instant lies in the past (a demo never backdates into the future). */
  past(d: Date): boolean {
    return d.getTime() < this.now.getTime()
  }
}

/** Rows whose creation instant the demo moves into the past once everything is written. */
export class Backdater {
  private readonly rows: { table: string; id: string; at: Date }[] = []
  private readonly statements: { sql: string; params: unknown[] }[] = []

  /** `created_at` of row `id` in `table` becomes `at` (only instants before now are kept). */
  set(table: "ledger_transaction" | "value_account" | "card", id: string, at: Date): void {
    if (at.getTime() < Date.now()) {
      this.rows.push({ table, id, at })
    }
  }

  /**
   * A row a plugin writes with its own stamp and no id handed back (a loyalty visit, an
   * invoice's dates): one UPDATE of only its date columns, run with the others.
   */
  statement(sql: string, params: unknown[]): void {
    this.statements.push({ sql, params })
  }

  get size(): number {
    return this.rows.length + this.statements.length
  }

  /**
   * Writes the recorded instants in one transaction. The ledger's history is
   * append-only (a trigger refuses every UPDATE): the trigger is switched off
   * inside this transaction only, for this one column's rewrite, and on again
   * before the commit, so no other session ever sees it off.
   */
  async apply(manager: EntityManager): Promise<void> {
    if (!this.size) {
      return
    }
    await manager.transaction(async (tx) => {
      const ledger = this.rows.filter((r) => r.table === "ledger_transaction")
      if (ledger.length) {
        await tx.query(`ALTER TABLE ledger_transaction DISABLE TRIGGER "TRG_ledger_transaction_append_only"`)
      }
      for (const table of ["ledger_transaction", "value_account", "card"]) {
        const rows = this.rows.filter((r) => r.table === table)
        if (rows.length) {
          await tx.query(
            `UPDATE ${table} t SET created_at = v.at FROM unnest($1::text[], $2::timestamptz[]) AS v(id, at) WHERE t.id = v.id`,
            [rows.map((r) => r.id), rows.map((r) => r.at.toISOString())]
          )
        }
      }
      for (const s of this.statements) {
        await tx.query(s.sql, s.params)
      }
      if (ledger.length) {
        await tx.query(`ALTER TABLE ledger_transaction ENABLE TRIGGER "TRG_ledger_transaction_append_only"`)
      }
    })
  }
}
