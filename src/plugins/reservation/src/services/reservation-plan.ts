import { TransactionBaseService } from "@medusajs/medusa"
import type { EntityManager } from "typeorm"
import type { z } from "zod"

import { DomainError, newEntityId } from "@customer-modules/core"
import type { PosLocationService } from "@customer-modules/pos"

import type { EngineCombination, EngineRule, EngineTable, ReservationSettings } from "../engine/types"
import type { AreaDTO, CombinationDTO, RuleDTO, TableDTO } from "../types"
import { rows } from "../utils/sql"
import type { CreateArea, CreateCombination, CreateRule, CreateTable, SettingsBody, UpdateArea, UpdateTable } from "../validators"

type InjectedDependencies = { manager: EntityManager; posLocationService: PosLocationService }

export type { AreaDTO, CombinationDTO, RuleDTO, TableDTO }

/** Everything the engine needs about a location, read in one go. */
export type Plan = {
  location_id: string
  time_zone: string
  settings: ReservationSettings
  areas: AreaDTO[]
  tables: TableDTO[]
  engineTables: EngineTable[]
  combinations: EngineCombination[]
  rules: EngineRule[]
}

const MAX_ROWS = 1000

function toSettings(r: Record<string, unknown>): ReservationSettings {
  return {
    location_id: r.location_id as string,
    online: r.online as boolean,
    slot_minutes: r.slot_minutes as number,
    opening_hours: r.opening_hours as ReservationSettings["opening_hours"],
    closed_dates: r.closed_dates as string[],
    turn_minutes: r.turn_minutes as number,
    turn_minutes_by_party: r.turn_minutes_by_party as ReservationSettings["turn_minutes_by_party"],
    buffer_minutes: r.buffer_minutes as number,
    min_party: r.min_party as number,
    max_party: r.max_party as number,
    lead_minutes: r.lead_minutes as number,
    horizon_days: r.horizon_days as number,
    pacing_covers: (r.pacing_covers as number | null) ?? null,
    pacing_online_covers: (r.pacing_online_covers as number | null) ?? null,
    cancel_cutoff_minutes: r.cancel_cutoff_minutes as number,
    no_show_limit: r.no_show_limit as number,
    no_show_months: r.no_show_months as number,
    newsletter_consent_text: (r.newsletter_consent_text as string | null) ?? null,
  }
}

const dateText = (d: unknown): string | null => (d === null || d === undefined ? null : typeof d === "string" ? d.slice(0, 10) : (d as Date).toISOString().slice(0, 10))

function toRule(r: Record<string, unknown>): RuleDTO {
  return {
    id: r.id as string,
    location_id: r.location_id as string,
    area_id: (r.area_id as string | null) ?? null,
    table_id: (r.table_id as string | null) ?? null,
    effect: r.effect as EngineRule["effect"],
    weekdays: (r.weekdays as number[] | null) ?? null,
    start_time: (r.start_time as string | null) ?? null,
    end_time: (r.end_time as string | null) ?? null,
    from_date: dateText(r.from_date),
    to_date: dateText(r.to_date),
    note: (r.note as string | null) ?? null,
  }
}

const TABLE_COLUMNS = `id, area_id, location_id, name, min_seats, max_seats, shape, x, y, width, height, rotation, active, online, priority`
const AREA_COLUMNS = `id, location_id, name, active, online, priority, position`

/**
 * Settings, areas, tables, combinations and time rules of each location: the
 * floor plan the engine, the admin editor and the tills read.
 */
export default class ReservationPlanService extends TransactionBaseService {
  protected readonly posLocationService_: PosLocationService

  constructor(container: InjectedDependencies) {
    super(container)
    this.posLocationService_ = container.posLocationService
  }

  /** The location's IANA time zone; 404 for an unknown location. */
  async timeZoneOf(locationId: string): Promise<string> {
    const location = await this.posLocationService_.withTransaction(this.activeManager_).retrieve(locationId)
    return location.time_zone
  }

  /** Creates or replaces a location's booking settings. */
  async putSettings(locationId: string, input: z.infer<typeof SettingsBody>): Promise<ReservationSettings> {
    await this.timeZoneOf(locationId)
    const rows = await this.activeManager_.query(
      `INSERT INTO reservation_settings (location_id, online, slot_minutes, opening_hours, closed_dates, turn_minutes, turn_minutes_by_party,
         buffer_minutes, min_party, max_party, lead_minutes, horizon_days, pacing_covers, pacing_online_covers, cancel_cutoff_minutes,
         no_show_limit, no_show_months, newsletter_consent_text)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
       ON CONFLICT (location_id) DO UPDATE SET online = EXCLUDED.online, slot_minutes = EXCLUDED.slot_minutes, opening_hours = EXCLUDED.opening_hours,
         closed_dates = EXCLUDED.closed_dates, turn_minutes = EXCLUDED.turn_minutes, turn_minutes_by_party = EXCLUDED.turn_minutes_by_party,
         buffer_minutes = EXCLUDED.buffer_minutes, min_party = EXCLUDED.min_party, max_party = EXCLUDED.max_party, lead_minutes = EXCLUDED.lead_minutes,
         horizon_days = EXCLUDED.horizon_days, pacing_covers = EXCLUDED.pacing_covers, pacing_online_covers = EXCLUDED.pacing_online_covers,
         cancel_cutoff_minutes = EXCLUDED.cancel_cutoff_minutes, no_show_limit = EXCLUDED.no_show_limit, no_show_months = EXCLUDED.no_show_months,
         newsletter_consent_text = EXCLUDED.newsletter_consent_text, updated_at = now()
       RETURNING *`,
      [
        locationId,
        input.online,
        input.slot_minutes,
        JSON.stringify(input.opening_hours),
        JSON.stringify([...new Set(input.closed_dates ?? [])].sort()),
        input.turn_minutes,
        JSON.stringify(input.turn_minutes_by_party ?? []),
        input.buffer_minutes,
        input.min_party,
        input.max_party,
        input.lead_minutes,
        input.horizon_days,
        input.pacing_covers ?? null,
        input.pacing_online_covers ?? null,
        input.cancel_cutoff_minutes ?? 120,
        input.no_show_limit ?? 3,
        input.no_show_months ?? 12,
        input.newsletter_consent_text ?? null,
      ]
    )
    return toSettings(rows[0])
  }

  /** A location's settings; 404 `not_found` when reservations are not set up there. */
  async settings(locationId: string): Promise<ReservationSettings> {
    const rows = await this.activeManager_.query(`SELECT * FROM reservation_settings WHERE location_id = $1`, [locationId])
    if (!rows.length) {
      throw new DomainError("not_found", `Reservations are not set up at location ${locationId}`, 404)
    }
    return toSettings(rows[0])
  }

  async createArea(input: z.infer<typeof CreateArea>): Promise<AreaDTO> {
    await this.timeZoneOf(input.location_id)
    const rows = await this.activeManager_.query(
      `INSERT INTO reservation_area (id, location_id, name, active, online, priority, position) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${AREA_COLUMNS}`,
      [newEntityId("rarea"), input.location_id, input.name, input.active ?? true, input.online ?? true, input.priority ?? 0, input.position ?? 0]
    )
    return rows[0]
  }

  async updateArea(id: string, input: z.infer<typeof UpdateArea>): Promise<AreaDTO> {
    const current = await this.area(id)
    const next = { ...current, ...input }
    const updated = await rows(
      this.activeManager_,
      `UPDATE reservation_area SET name = $2, active = $3, online = $4, priority = $5, position = $6, updated_at = now() WHERE id = $1 RETURNING ${AREA_COLUMNS}`,
      [id, next.name, next.active, next.online, next.priority, next.position]
    )
    return updated[0] as AreaDTO
  }

  async area(id: string): Promise<AreaDTO> {
    const rows = await this.activeManager_.query(`SELECT ${AREA_COLUMNS} FROM reservation_area WHERE id = $1`, [id])
    if (!rows.length) throw new DomainError("not_found", `Area ${id} was not found`, 404)
    return rows[0]
  }

  async createTable(input: z.infer<typeof CreateTable>): Promise<TableDTO> {
    const area = await this.area(input.area_id)
    const rows = await this.activeManager_.query(
      `INSERT INTO reservation_table (id, area_id, location_id, name, min_seats, max_seats, shape, x, y, width, height, rotation, active, online, priority)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING ${TABLE_COLUMNS}`,
      [
        newEntityId("rtbl"),
        area.id,
        area.location_id,
        input.name,
        input.min_seats,
        input.max_seats,
        input.shape ?? "rect",
        input.x ?? 0,
        input.y ?? 0,
        input.width ?? 80,
        input.height ?? 80,
        input.rotation ?? 0,
        input.active ?? true,
        input.online ?? true,
        input.priority ?? 0,
      ]
    )
    return rows[0]
  }

  async table(id: string): Promise<TableDTO> {
    const rows = await this.activeManager_.query(`SELECT ${TABLE_COLUMNS} FROM reservation_table WHERE id = $1`, [id])
    if (!rows.length) throw new DomainError("not_found", `Table ${id} was not found`, 404)
    return rows[0]
  }

  /** Moves, resizes, rotates, renames or switches a table; a move to another area stays within the location. */
  async updateTable(id: string, input: z.infer<typeof UpdateTable>): Promise<TableDTO> {
    const current = await this.table(id)
    const next = { ...current, ...input }
    if (next.max_seats < next.min_seats) throw new DomainError("invalid_request", "max_seats must be at least min_seats", 400)
    if (input.area_id && input.area_id !== current.area_id) {
      const area = await this.area(input.area_id)
      if (area.location_id !== current.location_id) throw new DomainError("invalid_request", "area_id: the area is at another location", 400)
    }
    const updated = await rows(
      this.activeManager_,
      `UPDATE reservation_table SET area_id = $2, name = $3, min_seats = $4, max_seats = $5, shape = $6, x = $7, y = $8, width = $9, height = $10,
         rotation = $11, active = $12, online = $13, priority = $14, updated_at = now() WHERE id = $1 RETURNING ${TABLE_COLUMNS}`,
      [id, next.area_id, next.name, next.min_seats, next.max_seats, next.shape, next.x, next.y, next.width, next.height, next.rotation, next.active, next.online, next.priority]
    )
    return updated[0] as TableDTO
  }

  async createCombination(input: z.infer<typeof CreateCombination>): Promise<CombinationDTO> {
    const rows: { id: string; location_id: string }[] = await this.activeManager_.query(`SELECT id, location_id FROM reservation_table WHERE id = ANY($1)`, [input.table_ids])
    if (rows.length !== input.table_ids.length) throw new DomainError("invalid_request", "table_ids: unknown table", 400)
    const locations = new Set(rows.map((r) => r.location_id))
    if (locations.size !== 1) throw new DomainError("invalid_request", "table_ids: the tables must be at one location", 400)
    const created = await this.activeManager_.query(
      `INSERT INTO reservation_combination (id, location_id, table_ids, min_seats, max_seats) VALUES ($1, $2, $3, $4, $5) RETURNING id, location_id, table_ids, min_seats, max_seats`,
      [newEntityId("rcmb"), rows[0].location_id, [...input.table_ids].sort(), input.min_seats, input.max_seats]
    )
    return created[0]
  }

  async deleteCombination(id: string): Promise<void> {
    const deleted = await rows(this.activeManager_, `DELETE FROM reservation_combination WHERE id = $1 RETURNING id`, [id])
    if (!deleted.length) throw new DomainError("not_found", `Combination ${id} was not found`, 404)
  }

  async createRule(input: z.infer<typeof CreateRule>): Promise<RuleDTO> {
    await this.timeZoneOf(input.location_id)
    if (input.area_id && (await this.area(input.area_id)).location_id !== input.location_id) throw new DomainError("invalid_request", "area_id: the area is at another location", 400)
    if (input.table_id && (await this.table(input.table_id)).location_id !== input.location_id) throw new DomainError("invalid_request", "table_id: the table is at another location", 400)
    const rows = await this.activeManager_.query(
      `INSERT INTO reservation_rule (id, location_id, area_id, table_id, effect, weekdays, start_time, end_time, from_date, to_date, note)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING *`,
      [
        newEntityId("rrule"),
        input.location_id,
        input.area_id ?? null,
        input.table_id ?? null,
        input.effect,
        input.weekdays ?? null,
        input.start_time ?? null,
        input.end_time ?? null,
        input.from_date ?? null,
        input.to_date ?? null,
        input.note ?? null,
      ]
    )
    return toRule(rows[0])
  }

  async deleteRule(id: string): Promise<void> {
    const deleted = await rows(this.activeManager_, `DELETE FROM reservation_rule WHERE id = $1 RETURNING id`, [id])
    if (!deleted.length) throw new DomainError("not_found", `Rule ${id} was not found`, 404)
  }

  /** Settings, time zone, areas, tables, combinations and rules of a location. */
  async plan(locationId: string): Promise<Plan> {
    const m = this.activeManager_
    const [settings, time_zone, areas, tables, combinations, rules] = await Promise.all([
      this.settings(locationId),
      this.timeZoneOf(locationId),
      m.query(`SELECT ${AREA_COLUMNS} FROM reservation_area WHERE location_id = $1 ORDER BY position, name LIMIT ${MAX_ROWS}`, [locationId]) as Promise<AreaDTO[]>,
      m.query(`SELECT ${TABLE_COLUMNS} FROM reservation_table WHERE location_id = $1 ORDER BY name LIMIT ${MAX_ROWS}`, [locationId]) as Promise<TableDTO[]>,
      m.query(`SELECT id, location_id, table_ids, min_seats, max_seats FROM reservation_combination WHERE location_id = $1 LIMIT ${MAX_ROWS}`, [locationId]) as Promise<CombinationDTO[]>,
      m.query(`SELECT * FROM reservation_rule WHERE location_id = $1 LIMIT ${MAX_ROWS}`, [locationId]) as Promise<Record<string, unknown>[]>,
    ])
    const areaById = new Map(areas.map((a) => [a.id, a]))
    const engineTables: EngineTable[] = tables.map((t) => {
      const a = areaById.get(t.area_id) as AreaDTO
      return {
        id: t.id,
        area_id: t.area_id,
        name: t.name,
        min_seats: t.min_seats,
        max_seats: t.max_seats,
        active: t.active && a.active,
        online: t.online && a.online,
        priority: t.priority,
        area_priority: a.priority,
      }
    })
    return { location_id: locationId, time_zone, settings, areas, tables, engineTables, combinations, rules: rules.map(toRule) }
  }
}
