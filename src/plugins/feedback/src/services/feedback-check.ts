import { TransactionBaseService } from "@medusajs/medusa"
import type { EntityManager } from "typeorm"

import { DomainError, newEntityId } from "@customer-modules/core"
import type { MailService } from "@customer-modules/jobs"
import type { PosLocationService, StaffService } from "@customer-modules/pos"

import { Text } from "../shared/rules"
import { localClock, minutesOf } from "../shared/schedule"
import { NOTIFY_CHANNEL } from "../utils/live"

type InjectedDependencies = {
  manager: EntityManager
  staffService: StaffService
  posLocationService: PosLocationService
  mailService: MailService
}

export type OpeningHours = { weekday: number; open: string; close: string }[]

export type Checklist = {
  id: string
  location_id: string
  name: string
  items: { id: string; label: Text }[]
  interval_minutes: number | null
  opening_hours: OpeningHours
  show_last: boolean
  /** Whom to mail when the checklist is overdue (null: no mail). */
  overdue_email: string | null
  overdue_locale: "de" | "en" | "pt"
  created_at: Date
  updated_at: Date
}

export type CheckView = {
  id: string
  checklist_id: string
  staff: { id: string; name: string }
  terminal_id: string
  location_id: string
  items: string[]
  checked_at: Date
}

export type ChecklistStatus = Checklist & {
  last_check: { staff: { id: string; name: string }; checked_at: Date } | null
  /** When the next check is due (last check + interval), or null without an interval. */
  due_at: Date | null
  /** Due and the location open now (or no opening hours set). */
  overdue: boolean
}

/** Most checks one list or export holds. */
const MAX_CHECKS = 10_000
/** A check stamped further ahead than this is refused. */
const MAX_CLOCK_SKEW_MS = 24 * 3600_000
/** How far back a check may be dated (an offline tablet sending later). */
const MAX_BACKDATE_MS = 7 * 24 * 3600_000

/**
 * Checklists per location (e.g. toilet cleaning), checks signed with a staff
 * card at a tablet, the last check, overdue flags, and staff shifts to lay the
 * checks over.
 */
export default class FeedbackCheckService extends TransactionBaseService {
  protected readonly staffService_: StaffService
  protected readonly posLocationService_: PosLocationService
  protected readonly container_: InjectedDependencies

  constructor(container: InjectedDependencies) {
    super(container)
    this.container_ = container
    this.staffService_ = container.staffService
    this.posLocationService_ = container.posLocationService
  }

  /**
   * Changes a checklist's settings (those given); 404 for an unknown one. A
   * change of the interval or opening hours takes effect on the next overdue run.
   */
  async updateChecklist(
    id: string,
    patch: { name?: string; interval_minutes?: number | null; items?: { id: string; label: Text }[]; opening_hours?: OpeningHours; show_last?: boolean; overdue_email?: string | null; overdue_locale?: "de" | "en" | "pt" }
  ): Promise<Checklist> {
    return this.atomicPhase_(async (manager) => {
      const current = await this.withTransaction(manager).retrieveChecklist(id)
      const next = { ...current, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) } as Checklist
      const [rows]: [Checklist[], number] = await manager.query(
        `UPDATE feedback_checklist SET name = $2, items = $3::jsonb, interval_minutes = $4, opening_hours = $5::jsonb, show_last = $6,
                overdue_email = $7, overdue_locale = $8, updated_at = now()
          WHERE id = $1
          RETURNING id, location_id, name, items, interval_minutes, opening_hours, show_last, overdue_email, overdue_locale, created_at, updated_at`,
        [id, next.name, JSON.stringify(next.items), next.interval_minutes, JSON.stringify(next.opening_hours), next.show_last, next.overdue_email, next.overdue_locale]
      )
      return rows[0]
    })
  }

  /**
   * Mails the merchant about every checklist overdue at `now` that has an
   * address, once per overdue period: the period is the due time, claimed on
   * the checklist in the same transaction as the mail (keyed by it), so runs
   * at once or again mail nothing more; a check starts a new period.
   */
  async mailOverdue(now: Date): Promise<{ mailed: number }> {
    const overdue = (await this.listChecklists({ mailing: true }, now)).filter((c) => c.overdue && c.overdue_email && c.due_at)
    if (!overdue.length) {
      return { mailed: 0 }
    }
    const locations = new Map((await this.posLocationService_.list()).map((l) => [l.id, l]))
    let mailed = 0
    for (const c of overdue) {
      const dueAt = c.due_at as Date
      const sent = await this.atomicPhase_(async (manager) => {
        // TypeORM answers an UPDATE with [rows, affected].
        const [claimed]: [{ id: string }[], number] = await manager.query(
          `UPDATE feedback_checklist SET overdue_mailed_for = $2
            WHERE id = $1 AND archived_at IS NULL AND overdue_email IS NOT NULL AND overdue_mailed_for IS DISTINCT FROM $2 RETURNING id`,
          [c.id, dueAt]
        )
        if (!claimed.length) {
          return false
        }
        const location = locations.get(c.location_id)
        await this.container_.mailService.withTransaction(manager).enqueue({
          key: `feedback_overdue_${c.id}_${dueAt.getTime()}`,
          kind: "feedback_check_overdue",
          to: c.overdue_email as string,
          locale: c.overdue_locale,
          data: {
            checklist_name: c.name,
            location_name: location?.name ?? c.location_id,
            interval_minutes: c.interval_minutes as number,
            due_at: dueAt.toISOString(),
            last_check_at: c.last_check ? new Date(c.last_check.checked_at).toISOString() : null,
            last_staff_name: c.last_check?.staff.name || null,
            time_zone: location?.time_zone ?? "UTC",
          },
        })
        return true
      })
      if (sent) mailed++
    }
    return { mailed }
  }

  /** Creates a checklist at a location (404 for an unknown location). */
  async createChecklist(input: {
    location_id: string
    name: string
    interval_minutes?: number | null
    items?: { id: string; label: Text }[]
    opening_hours?: OpeningHours
    show_last?: boolean
    overdue_email?: string | null
    overdue_locale?: "de" | "en" | "pt"
  }): Promise<Checklist> {
    await this.posLocationService_.retrieve(input.location_id)
    return this.atomicPhase_(async (manager) => {
      const rows: Checklist[] = await manager.query(
        `INSERT INTO feedback_checklist (id, location_id, name, items, interval_minutes, opening_hours, show_last, overdue_email, overdue_locale)
         VALUES ($1, $2, $3, $4::jsonb, $5, $6::jsonb, $7, $8, $9)
         RETURNING id, location_id, name, items, interval_minutes, opening_hours, show_last, overdue_email, overdue_locale, created_at, updated_at`,
        [
          newEntityId("fbcl"),
          input.location_id,
          input.name,
          JSON.stringify(input.items ?? []),
          input.interval_minutes ?? null,
          JSON.stringify(input.opening_hours ?? []),
          input.show_last ?? true,
          input.overdue_email ?? null,
          input.overdue_locale ?? "de",
        ]
      )
      return rows[0]
    })
  }

  /** One checklist; with `location_id`, only if it belongs there (404 otherwise). */
  async retrieveChecklist(id: string, locationId?: string): Promise<Checklist> {
    const rows: Checklist[] = await this.activeManager_.query(
      `SELECT id, location_id, name, items, interval_minutes, opening_hours, show_last, overdue_email, overdue_locale, created_at, updated_at
         FROM feedback_checklist WHERE id = $1 AND archived_at IS NULL`,
      [id]
    )
    if (!rows.length || (locationId && rows[0].location_id !== locationId)) {
      throw new DomainError("not_found", `Checklist ${id} was not found`, 404)
    }
    return rows[0]
  }

  /** Checklists (of a location, or all) with their last check and whether they are overdue at `at`. */
  async listChecklists(filter: { location_id?: string; mailing?: boolean }, at: Date): Promise<ChecklistStatus[]> {
    const rows: (Checklist & { last_staff_id: string | null; last_checked_at: Date | null })[] = await this.activeManager_.query(
      `SELECT c.id, c.location_id, c.name, c.items, c.interval_minutes, c.opening_hours, c.show_last, c.overdue_email, c.overdue_locale, c.created_at, c.updated_at,
              l.staff_id AS last_staff_id, l.checked_at AS last_checked_at
         FROM feedback_checklist c
         LEFT JOIN LATERAL (SELECT staff_id, checked_at FROM feedback_check k WHERE k.checklist_id = c.id ORDER BY checked_at DESC, id DESC LIMIT 1) l ON true
        WHERE c.archived_at IS NULL AND ($1::text IS NULL OR c.location_id = $1)
          AND ($2::boolean IS NOT TRUE OR (c.overdue_email IS NOT NULL AND c.interval_minutes IS NOT NULL))
        ORDER BY c.name, c.id LIMIT ${filter.mailing ? 10_000 : 500}`,
      [filter.location_id ?? null, filter.mailing ?? false]
    )
    const names = await this.staffNames_()
    const zones = new Map((await this.posLocationService_.list()).map((l) => [l.id, l.time_zone]))
    return rows.map(({ last_staff_id, last_checked_at, ...c }) => {
      const due_at =
        c.interval_minutes === null ? null : new Date((last_checked_at ? new Date(last_checked_at) : new Date(c.created_at)).getTime() + c.interval_minutes * 60_000)
      const open = isOpen(c.opening_hours, at, zones.get(c.location_id) ?? "UTC")
      return {
        ...c,
        last_check: last_staff_id && last_checked_at ? { staff: { id: last_staff_id, name: names.get(last_staff_id) ?? "" }, checked_at: last_checked_at } : null,
        due_at,
        overdue: due_at !== null && due_at.getTime() <= at.getTime() && open,
      }
    })
  }

  /**
   * Records a check signed by a staff member at a tablet of the checklist's
   * location; once per tablet and client id (a resend answers the first).
   */
  async check(
    terminal: { id: string; location_id: string },
    staffId: string,
    input: { checklist_id: string; client_id: string; checked_at?: Date; items?: string[] }
  ): Promise<{ check: CheckView; created: boolean }> {
    const checklist = await this.retrieveChecklist(input.checklist_id, terminal.location_id)
    const known = new Set(checklist.items.map((i) => i.id))
    const unknown = (input.items ?? []).filter((i) => !known.has(i))
    if (unknown.length) {
      throw new DomainError("invalid_request", `items: ${unknown.join(", ")} is not an item of this checklist`, 400)
    }
    const checkedAt = input.checked_at ?? new Date()
    if (checkedAt.getTime() > Date.now() + MAX_CLOCK_SKEW_MS || checkedAt.getTime() < Date.now() - MAX_BACKDATE_MS) {
      throw new DomainError("invalid_request", "checked_at: must lie within the last 7 days", 400)
    }
    const staff = await this.staffService_.retrieve(staffId)
    return this.atomicPhase_(async (manager) => {
      const id = newEntityId("fbck")
      const inserted: { id: string }[] = await manager.query(
        `INSERT INTO feedback_check (id, checklist_id, staff_id, terminal_id, location_id, client_id, items, checked_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8)
         ON CONFLICT (terminal_id, client_id) DO NOTHING RETURNING id`,
        [id, checklist.id, staffId, terminal.id, terminal.location_id, input.client_id, JSON.stringify([...new Set(input.items ?? [])]), checkedAt]
      )
      if (inserted.length) {
        await manager.query(`SELECT pg_notify($1, $2)`, [
          NOTIFY_CHANNEL,
          JSON.stringify({ kind: "check", id, checklist_id: checklist.id, terminal_id: terminal.id, location_id: terminal.location_id, received_at: new Date().toISOString() }),
        ])
      }
      const rows: { id: string; checklist_id: string; staff_id: string; terminal_id: string; location_id: string; items: string[]; checked_at: Date }[] =
        await manager.query(
          `SELECT id, checklist_id, staff_id, terminal_id, location_id, items, checked_at FROM feedback_check WHERE terminal_id = $1 AND client_id = $2`,
          [terminal.id, input.client_id]
        )
      const row = rows[0]
      const name = row.staff_id === staff.id ? staff.name : ((await this.staffNames_()).get(row.staff_id) ?? "")
      return {
        created: inserted.length > 0,
        check: { id: row.id, checklist_id: row.checklist_id, staff: { id: row.staff_id, name }, terminal_id: row.terminal_id, location_id: row.location_id, items: row.items, checked_at: row.checked_at },
      }
    })
  }

  /** The newest check of a checklist at the location, or null. */
  async last(checklistId: string, locationId: string): Promise<{ staff: { name: string }; checked_at: Date } | null> {
    const checklist = await this.retrieveChecklist(checklistId, locationId)
    const rows: { staff_id: string; checked_at: Date }[] = await this.activeManager_.query(
      `SELECT staff_id, checked_at FROM feedback_check WHERE checklist_id = $1 ORDER BY checked_at DESC, id DESC LIMIT 1`,
      [checklist.id]
    )
    if (!rows.length) {
      return null
    }
    const staff = await this.staffService_.retrieve(rows[0].staff_id).catch(() => null)
    return { staff: { name: staff?.name ?? "" }, checked_at: rows[0].checked_at }
  }

  /** The check log (newest first). */
  async listChecks(filter: { checklist_id?: string; location_id?: string; from?: Date; to?: Date }): Promise<(CheckView & { checklist_name: string })[]> {
    const rows: { id: string; checklist_id: string; checklist_name: string; staff_id: string; terminal_id: string; location_id: string; items: string[]; checked_at: Date }[] =
      await this.activeManager_.query(
        `SELECT k.id, k.checklist_id, c.name AS checklist_name, k.staff_id, k.terminal_id, k.location_id, k.items, k.checked_at
           FROM feedback_check k JOIN feedback_checklist c ON c.id = k.checklist_id
          WHERE ($1::text IS NULL OR k.checklist_id = $1) AND ($2::text IS NULL OR k.location_id = $2)
            AND ($3::timestamptz IS NULL OR k.checked_at >= $3) AND ($4::timestamptz IS NULL OR k.checked_at < $4)
          ORDER BY k.checked_at DESC, k.id DESC LIMIT ${MAX_CHECKS}`,
        [filter.checklist_id ?? null, filter.location_id ?? null, filter.from ?? null, filter.to ?? null]
      )
    const names = await this.staffNames_()
    return rows.map(({ staff_id, ...r }) => ({ ...r, staff: { id: staff_id, name: names.get(staff_id) ?? "" } }))
  }

  // ── Shifts ───────────────────────────────────────────────────────────

  async createShift(input: { location_id: string; staff_id?: string | null; name: string; starts_at: Date; ends_at: Date }): Promise<Shift> {
    await this.posLocationService_.retrieve(input.location_id)
    if (input.staff_id) {
      await this.staffService_.retrieve(input.staff_id)
    }
    return this.atomicPhase_(async (manager) => {
      const rows: Shift[] = await manager.query(
        `INSERT INTO feedback_shift (id, location_id, staff_id, name, starts_at, ends_at) VALUES ($1, $2, $3, $4, $5, $6)
         RETURNING id, location_id, staff_id, name, starts_at, ends_at`,
        [newEntityId("fbsh"), input.location_id, input.staff_id ?? null, input.name, input.starts_at, input.ends_at]
      )
      return rows[0]
    })
  }

  /**
   * The time plan of a location: its shifts with the checks done during each
   * (and by whom), the checks outside every shift, and per checklist with an
   * interval the gaps longer than that interval between consecutive checks.
   */
  async plan(locationId: string, from: Date, to: Date): Promise<{
    shifts: (Shift & { checks: CheckView[]; responses: number })[]
    outside_shifts: CheckView[]
    gaps: { checklist_id: string; name: string; from: Date; to: Date; minutes: number }[]
  }> {
    const shifts: Shift[] = await this.activeManager_.query(
      `SELECT id, location_id, staff_id, name, starts_at, ends_at FROM feedback_shift
        WHERE location_id = $1 AND starts_at < $3 AND ends_at > $2 ORDER BY starts_at, id LIMIT 1000`,
      [locationId, from, to]
    )
    const checks = (await this.listChecks({ location_id: locationId, from, to })).reverse()
    const responses: { answered_at: Date }[] = await this.activeManager_.query(
      `SELECT answered_at FROM feedback_response WHERE location_id = $1 AND answered_at >= $2 AND answered_at < $3 LIMIT 50000`,
      [locationId, from, to]
    )
    const inShift = (s: Shift, t: Date) => new Date(s.starts_at).getTime() <= new Date(t).getTime() && new Date(t).getTime() < new Date(s.ends_at).getTime()
    const gaps: { checklist_id: string; name: string; from: Date; to: Date; minutes: number }[] = []
    for (const c of await this.listChecklists({ location_id: locationId }, to)) {
      if (!c.interval_minutes) continue
      const times = [from, ...checks.filter((k) => k.checklist_id === c.id).map((k) => new Date(k.checked_at)), to]
      for (let i = 1; i < times.length; i++) {
        const minutes = Math.floor((times[i].getTime() - times[i - 1].getTime()) / 60_000)
        if (minutes > c.interval_minutes) {
          gaps.push({ checklist_id: c.id, name: c.name, from: times[i - 1], to: times[i], minutes })
        }
      }
    }
    return {
      shifts: shifts.map((s) => ({
        ...s,
        checks: checks.filter((k) => inShift(s, k.checked_at)),
        responses: responses.filter((r) => inShift(s, r.answered_at)).length,
      })),
      outside_shifts: checks.filter((k) => !shifts.some((s) => inShift(s, k.checked_at))),
      gaps,
    }
  }

  protected async staffNames_(): Promise<Map<string, string>> {
    return new Map((await this.staffService_.list()).map((s) => [s.id, s.name]))
  }
}

export type Shift = { id: string; location_id: string; staff_id: string | null; name: string; starts_at: Date; ends_at: Date }

/** Whether the location is open at `at` (no opening hours = always). */
export function isOpen(hours: OpeningHours, at: Date, timeZone: string): boolean {
  if (!hours.length) {
    return true
  }
  const clock = localClock(at, timeZone)
  return hours.some((h) => h.weekday === clock.weekday && minutesOf(h.open) <= clock.minutes && clock.minutes < minutesOf(h.close))
}
