import { EventBusService, TransactionBaseService } from "@medusajs/medusa"
import type { EntityManager } from "typeorm"

import { DomainError, newEntityId } from "@customer-modules/core"
import type { ModuleHealth } from "@customer-modules/core"
import type { PosLocationService, PosTerminalService } from "@customer-modules/pos"

import { checkAnswers, Definition, questionOrder, scaleOf, seedOf, textIn } from "../shared/rules"
import { Assignment, showing, Showing, Window } from "../shared/schedule"
import { NOTIFY_CHANNEL } from "../utils/live"

type InjectedDependencies = {
  manager: EntityManager
  eventBusService: EventBusService
  posTerminalService: PosTerminalService
  posLocationService: PosLocationService
}

export type QuestionnaireVersion = {
  id: string
  version: number
  title: string
  definition: Definition
  created_at: Date
}

export type QuestionnaireDetail = QuestionnaireVersion & {
  versions: { version: number; title: string; created_at: Date; responses: number }[]
}

export type TerminalSettings = {
  terminal_id: string
  questionnaire_ids: string[]
  rotate_minutes: number | null
  windows: Window[]
  idle_seconds: number
  press_interval_ms: number
  show_last_check: boolean
}

export type TabletQuestionnaire = {
  id: string
  version: number
  title: string
  questions: Definition["questions"]
  randomize: boolean
  thank_you: Definition["thank_you"] | null
  until: Date | null
  settings: { idle_seconds: number; press_interval_ms: number; show_last_check: boolean }
}

export type ResponseInput = {
  questionnaire_id: string
  version: number
  client_id: string
  answered_at: Date
  locale?: string
  answers: Record<string, unknown>
}

export type AlertSettings = {
  questionnaire_id: string
  email: string
  locale: "de" | "en" | "pt"
  threshold_percent: number
  window_minutes: number
  min_responses: number
  active: boolean
  last_alert_at: Date | null
}

export type ResultsFilter = { from?: Date; to?: Date; terminal_id?: string; location_id?: string; version?: number }

export type QuestionResult = {
  id: string
  type: string
  title: string
  answered: number
  counts?: Record<string, number>
  average?: number | null
  nps?: number | null
  texts?: { text: string; answered_at: string }[]
}

/** Most free texts a results page lists per question (newest first). */
const MAX_TEXTS = 100
/** Most rows a CSV export holds. */
const MAX_EXPORT = 50_000
/** Answers stamped further in the future than this are refused (a tablet clock far off). */
const MAX_CLOCK_SKEW_MS = 24 * 3600_000

const DEFAULT_SETTINGS = { questionnaire_ids: [], rotate_minutes: null, windows: [], idle_seconds: 30, press_interval_ms: 700, show_last_check: true }

/**
 * Questionnaires (every save a new, immutable version), what each feedback
 * tablet shows, responses (stored once per tablet and client id) and their
 * results.
 */
export default class FeedbackService extends TransactionBaseService {
  static readonly Events = {
    RESPONSE_RECEIVED: "feedback.response_received",
  }

  protected readonly posTerminalService_: PosTerminalService
  protected readonly posLocationService_: PosLocationService
  protected readonly eventBusService_: EventBusService

  constructor(container: InjectedDependencies) {
    super(container)
    this.eventBusService_ = container.eventBusService
    this.posTerminalService_ = container.posTerminalService
    this.posLocationService_ = container.posLocationService
  }

  // ── Questionnaires ───────────────────────────────────────────────────

  /** Creates a questionnaire with its first version. */
  async create(input: { title: string; definition: Definition }, createdBy: string | null): Promise<{ id: string; version: number }> {
    return this.atomicPhase_(async (manager) => {
      const id = newEntityId("fbq")
      await manager.query(`INSERT INTO feedback_questionnaire (id, title, version) VALUES ($1, $2, 1)`, [id, input.title])
      await this.insertVersion_(manager, id, 1, input, createdBy)
      return { id, version: 1 }
    })
  }

  /** Saves a new version (the old ones stay, and so do the responses to them). */
  async revise(id: string, input: { title: string; definition: Definition }, createdBy: string | null): Promise<{ id: string; version: number }> {
    return this.atomicPhase_(async (manager) => {
      const rows: { version: number }[] = await manager.query(
        `SELECT version FROM feedback_questionnaire WHERE id = $1 AND archived_at IS NULL FOR UPDATE`,
        [id]
      )
      if (!rows.length) {
        throw new DomainError("not_found", `Questionnaire ${id} was not found`, 404)
      }
      const version = rows[0].version + 1
      await manager.query(`UPDATE feedback_questionnaire SET version = $2, title = $3, updated_at = now() WHERE id = $1`, [id, version, input.title])
      await this.insertVersion_(manager, id, version, input, createdBy)
      return { id, version }
    })
  }

  /** Every questionnaire (newest version's title), with its number of responses. */
  async list(): Promise<{ id: string; title: string; version: number; responses: number; created_at: Date; updated_at: Date }[]> {
    const rows: { id: string; title: string; version: number; responses: string; created_at: Date; updated_at: Date }[] = await this.activeManager_.query(
      `SELECT q.id, q.title, q.version, q.created_at, q.updated_at,
              (SELECT count(*) FROM feedback_response r WHERE r.questionnaire_id = q.id) AS responses
         FROM feedback_questionnaire q WHERE q.archived_at IS NULL ORDER BY q.title, q.id LIMIT 500`
    )
    return rows.map((r) => ({ ...r, responses: Number(r.responses) }))
  }

  /** One version (the newest unless asked), with the list of versions. */
  async retrieve(id: string, version?: number): Promise<QuestionnaireDetail> {
    const rows: (QuestionnaireVersion & { responses: string })[] = await this.activeManager_.query(
      `SELECT v.questionnaire_id AS id, v.version, v.title, v.definition, v.created_at,
              (SELECT count(*) FROM feedback_response r WHERE r.questionnaire_id = v.questionnaire_id AND r.version = v.version) AS responses
         FROM feedback_questionnaire_version v WHERE v.questionnaire_id = $1 ORDER BY v.version DESC`,
      [id]
    )
    if (!rows.length) {
      throw new DomainError("not_found", `Questionnaire ${id} was not found`, 404)
    }
    const chosen = version === undefined ? rows[0] : rows.find((r) => r.version === version)
    if (!chosen) {
      throw new DomainError("not_found", `Questionnaire ${id} has no version ${version}`, 404)
    }
    return {
      id: chosen.id,
      version: chosen.version,
      title: chosen.title,
      definition: chosen.definition,
      created_at: chosen.created_at,
      versions: rows.map((r) => ({ version: r.version, title: r.title, created_at: r.created_at, responses: Number(r.responses) })),
    }
  }

  protected async insertVersion_(
    manager: EntityManager,
    id: string,
    version: number,
    input: { title: string; definition: Definition },
    createdBy: string | null
  ): Promise<void> {
    await manager.query(
      `INSERT INTO feedback_questionnaire_version (id, questionnaire_id, version, title, definition, created_by) VALUES ($1, $2, $3, $4, $5::jsonb, $6)`,
      [newEntityId("fbqv"), id, version, input.title, JSON.stringify(input.definition), createdBy]
    )
  }

  // ── Tablets ──────────────────────────────────────────────────────────

  /** Sets what a tablet shows; every questionnaire named must exist. */
  async assign(terminalId: string, input: Partial<Omit<TerminalSettings, "terminal_id">> & { questionnaire_ids: string[] }): Promise<TerminalSettings> {
    const terminal = await this.posTerminalService_.retrieve(terminalId)
    if (!terminal.scopes.includes("feedback")) {
      throw new DomainError("not_allowed", `Terminal ${terminalId} has no feedback scope`, 422)
    }
    return this.atomicPhase_(async (manager) => {
      const wanted = [...new Set([...input.questionnaire_ids, ...(input.windows ?? []).map((w) => w.questionnaire_id)])]
      if (wanted.length) {
        const found: { id: string }[] = await manager.query(
          `SELECT id FROM feedback_questionnaire WHERE id = ANY($1) AND archived_at IS NULL`,
          [wanted]
        )
        const missing = wanted.filter((id) => !found.some((f) => f.id === id))
        if (missing.length) {
          throw new DomainError("not_found", `Questionnaire ${missing.join(", ")} was not found`, 404)
        }
      }
      const current = await this.settings_(manager, terminalId)
      const next = { ...current, ...stripUndefined(input), terminal_id: terminalId }
      await manager.query(
        `INSERT INTO feedback_terminal (terminal_id, questionnaire_ids, rotate_minutes, windows, idle_seconds, press_interval_ms, show_last_check)
         VALUES ($1, $2::jsonb, $3, $4::jsonb, $5, $6, $7)
         ON CONFLICT (terminal_id) DO UPDATE SET questionnaire_ids = EXCLUDED.questionnaire_ids, rotate_minutes = EXCLUDED.rotate_minutes,
           windows = EXCLUDED.windows, idle_seconds = EXCLUDED.idle_seconds, press_interval_ms = EXCLUDED.press_interval_ms,
           show_last_check = EXCLUDED.show_last_check, updated_at = now()`,
        [
          terminalId,
          JSON.stringify(next.questionnaire_ids),
          next.rotate_minutes ?? null,
          JSON.stringify(next.windows ?? []),
          next.idle_seconds,
          next.press_interval_ms,
          next.show_last_check,
        ]
      )
      return next
    })
  }

  protected async settings_(manager: EntityManager, terminalId: string): Promise<TerminalSettings> {
    return (await this.settingsOf_(manager, [terminalId])).get(terminalId)!
  }

  /** The settings of several tablets in one query (the defaults for one without a row). */
  protected async settingsOf_(manager: EntityManager, terminalIds: string[]): Promise<Map<string, TerminalSettings>> {
    const rows: TerminalSettings[] = terminalIds.length
      ? await manager.query(
          `SELECT terminal_id, questionnaire_ids, rotate_minutes, windows, idle_seconds, press_interval_ms, show_last_check
             FROM feedback_terminal WHERE terminal_id = ANY($1)`,
          [terminalIds]
        )
      : []
    const byId = new Map(rows.map((r) => [r.terminal_id, r]))
    return new Map(terminalIds.map((id) => [id, byId.get(id) ?? { terminal_id: id, ...DEFAULT_SETTINGS }]))
  }

  /** Every terminal with the feedback scope, its settings and what it shows at `at`. */
  async listTerminals(at: Date): Promise<
    { terminal: { id: string; name: string; location_id: string; status: string; last_seen_at: Date | null }; settings: TerminalSettings; showing: Showing & { title: string | null }; time_zone: string }[]
  > {
    const terminals = (await this.posTerminalService_.list()).filter((t) => t.scopes.includes("feedback") && t.status === "active")
    const locations = new Map((await this.posLocationService_.list()).map((l) => [l.id, l]))
    const titles = new Map((await this.list()).map((q) => [q.id, q.title]))
    const settingsById = await this.settingsOf_(this.activeManager_, terminals.map((t) => t.id))
    const result = []
    for (const t of terminals) {
      const settings = settingsById.get(t.id)!
      const zone = locations.get(t.location_id)?.time_zone ?? "UTC"
      const now = showing(settings as Assignment, at, zone)
      result.push({
        terminal: { id: t.id, name: t.name, location_id: t.location_id, status: t.status, last_seen_at: t.last_seen_at },
        settings,
        time_zone: zone,
        showing: { ...now, title: now.questionnaire_id ? (titles.get(now.questionnaire_id) ?? null) : null },
      })
    }
    return result
  }

  /** What one tablet shows at `at` (in its location's zone). */
  async showingFor(terminalId: string, locationId: string, at: Date): Promise<{ settings: TerminalSettings; showing: Showing; time_zone: string }> {
    const settings = await this.settings_(this.activeManager_, terminalId)
    const location = await this.posLocationService_.retrieve(locationId)
    return { settings, showing: showing(settings as Assignment, at, location.time_zone), time_zone: location.time_zone }
  }

  /** The questionnaire (newest version) the tablet shows now, or null when none is assigned. */
  async forTablet(terminal: { id: string; location_id: string }, at: Date): Promise<TabletQuestionnaire | null> {
    const { settings, showing: now } = await this.showingFor(terminal.id, terminal.location_id, at)
    if (!now.questionnaire_id) {
      return null
    }
    const q = await this.retrieve(now.questionnaire_id)
    return {
      id: q.id,
      version: q.version,
      title: q.title,
      questions: q.definition.questions,
      randomize: q.definition.randomize ?? false,
      thank_you: q.definition.thank_you ?? null,
      until: now.until,
      settings: { idle_seconds: settings.idle_seconds, press_interval_ms: settings.press_interval_ms, show_last_check: settings.show_last_check },
    }
  }

  // ── Responses ────────────────────────────────────────────────────────

  /**
   * Stores a response once per tablet and client id: a resend (from the
   * tablet's offline queue, whatever its Idempotency-Key) stores nothing and
   * answers the first response's id. Rules are those of the version answered.
   */
  async submit(terminal: { id: string; location_id: string }, input: ResponseInput): Promise<{ id: string; created: boolean }> {
    return this.atomicPhase_(async (manager) => {
      const existing = await this.byClientId_(manager, terminal.id, input.client_id)
      if (existing) {
        return { id: existing, created: false }
      }
      const versions: { definition: Definition }[] = await manager.query(
        `SELECT definition FROM feedback_questionnaire_version WHERE questionnaire_id = $1 AND version = $2`,
        [input.questionnaire_id, input.version]
      )
      if (!versions.length) {
        throw new DomainError("invalid_request", `questionnaire_id/version: questionnaire ${input.questionnaire_id} has no version ${input.version}`, 400)
      }
      const definition = versions[0].definition
      const errors = checkAnswers(definition, input.answers)
      if (errors.length) {
        throw new DomainError("invalid_request", `answers: ${errors.map((e) => e.message).join("; ")}`, 400)
      }
      if (input.answered_at.getTime() > Date.now() + MAX_CLOCK_SKEW_MS) {
        throw new DomainError("invalid_request", "answered_at: lies in the future", 400)
      }
      const seed = seedOf(input.client_id)
      const id = newEntityId("fbr")
      const inserted: { id: string }[] = await manager.query(
        `INSERT INTO feedback_response (id, questionnaire_id, version, terminal_id, location_id, client_id, locale, answered_at, answers, question_order, seed)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10::jsonb, $11)
         ON CONFLICT (terminal_id, client_id) DO NOTHING RETURNING id`,
        [
          id,
          input.questionnaire_id,
          input.version,
          terminal.id,
          terminal.location_id,
          input.client_id,
          input.locale ?? null,
          input.answered_at,
          JSON.stringify(input.answers),
          JSON.stringify(questionOrder(definition, seed)),
          seed,
        ]
      )
      if (!inserted.length) {
        // A concurrent resend committed first: its row is the response.
        const winner = await this.byClientId_(manager, terminal.id, input.client_id)
        if (!winner) {
          throw new Error("feedback response vanished after a unique conflict")
        }
        return { id: winner, created: false }
      }
      // Delivered to the admin's live stream when (and only if) this transaction commits.
      await manager.query(`SELECT pg_notify($1, $2)`, [
        NOTIFY_CHANNEL,
        JSON.stringify({
          kind: "response",
          id,
          questionnaire_id: input.questionnaire_id,
          version: input.version,
          terminal_id: terminal.id,
          location_id: terminal.location_id,
          answered_at: input.answered_at.toISOString(),
          received_at: new Date().toISOString(),
        }),
      ])
      await this.eventBusService_
        .withTransaction(manager)
        .emit(FeedbackService.Events.RESPONSE_RECEIVED, { id, questionnaire_id: input.questionnaire_id, location_id: terminal.location_id })
      return { id, created: true }
    })
  }

  // ── Alerts ───────────────────────────────────────────────────────────

  /** The bad-rating alert of a questionnaire, or null. */
  async getAlert(questionnaireId: string): Promise<AlertSettings | null> {
    const rows: AlertSettings[] = await this.activeManager_.query(
      `SELECT questionnaire_id, email, locale, threshold_percent, window_minutes, min_responses, active, last_alert_at FROM feedback_alert WHERE questionnaire_id = $1`,
      [questionnaireId]
    )
    return rows[0] ?? null
  }

  /** Sets the alert: a mail to `email` when the share of bad ratings within `window_minutes` reaches `threshold_percent`. */
  async setAlert(questionnaireId: string, input: Omit<AlertSettings, "questionnaire_id" | "last_alert_at">): Promise<AlertSettings> {
    await this.retrieve(questionnaireId)
    return this.atomicPhase_(async (manager) => {
      const rows: AlertSettings[] = await manager.query(
        `INSERT INTO feedback_alert (questionnaire_id, email, locale, threshold_percent, window_minutes, min_responses, active)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (questionnaire_id) DO UPDATE SET email = EXCLUDED.email, locale = EXCLUDED.locale, threshold_percent = EXCLUDED.threshold_percent,
           window_minutes = EXCLUDED.window_minutes, min_responses = EXCLUDED.min_responses, active = EXCLUDED.active, updated_at = now()
         RETURNING questionnaire_id, email, locale, threshold_percent, window_minutes, min_responses, active, last_alert_at`,
        [questionnaireId, input.email, input.locale, input.threshold_percent, input.window_minutes, input.min_responses, input.active]
      )
      return rows[0]
    })
  }

  /**
   * After a response: when the share of bad ratings (smiley or rating ≤ 2, NPS ≤ 6) among
   * the responses answered within the window reaches the threshold, claims the alert for
   * this window (a conditional update: at most one mail per window, whatever the
   * concurrency) and answers the mail to send; otherwise null.
   */
  async claimAlert(questionnaireId: string): Promise<{ to: string; locale: string; key: string; data: Record<string, unknown> } | null> {
    const alert = await this.getAlert(questionnaireId)
    if (!alert || !alert.active) {
      return null
    }
    const questions = await this.questionsOf_(questionnaireId)
    const low = questions.filter((q) => q.type === "smiley" || q.type === "rating").map((q) => q.id)
    const nps = questions.filter((q) => q.type === "nps").map((q) => q.id)
    const [counts]: { total: string; bad: string; since: Date }[] = await this.activeManager_.query(
      `SELECT count(*) AS total,
              count(*) FILTER (WHERE EXISTS (
                SELECT 1 FROM jsonb_each(r.answers) a
                 WHERE jsonb_typeof(a.value) = 'number'
                   AND ((a.key = ANY($3) AND (a.value)::numeric <= 2) OR (a.key = ANY($4) AND (a.value)::numeric <= 6)))) AS bad,
              now() - make_interval(mins => $2) AS since
         FROM feedback_response r
        WHERE r.questionnaire_id = $1 AND r.answered_at >= now() - make_interval(mins => $2)`,
      [questionnaireId, alert.window_minutes, low, nps]
    )
    const total = Number(counts.total)
    const bad = Number(counts.bad)
    if (total < alert.min_responses || bad * 100 < alert.threshold_percent * total) {
      return null
    }
    // TypeORM answers an UPDATE with [rows, affected].
    const [claimed]: [{ last_alert_at: Date }[], number] = await this.activeManager_.query(
      `UPDATE feedback_alert SET last_alert_at = now()
        WHERE questionnaire_id = $1 AND active AND (last_alert_at IS NULL OR last_alert_at <= now() - make_interval(mins => window_minutes))
        RETURNING last_alert_at`,
      [questionnaireId]
    )
    if (!claimed.length) {
      return null
    }
    const q = await this.retrieve(questionnaireId)
    return {
      to: alert.email,
      locale: alert.locale,
      key: `feedback_alert_${questionnaireId}_${new Date(claimed[0].last_alert_at).getTime()}`,
      data: {
        questionnaire_title: q.title,
        bad,
        total,
        share_percent: Math.round((bad * 100) / total),
        threshold_percent: alert.threshold_percent,
        window_minutes: alert.window_minutes,
        since: new Date(counts.since).toISOString(),
      },
    }
  }

  protected async byClientId_(manager: EntityManager, terminalId: string, clientId: string): Promise<string | null> {
    const rows: { id: string }[] = await manager.query(
      `SELECT id FROM feedback_response WHERE terminal_id = $1 AND client_id = $2`,
      [terminalId, clientId]
    )
    return rows[0]?.id ?? null
  }

  // ── Results ──────────────────────────────────────────────────────────

  protected where_(id: string, f: ResultsFilter): { sql: string; params: unknown[] } {
    const params: unknown[] = [id]
    let sql = `r.questionnaire_id = $1`
    const add = (clause: string, value: unknown) => {
      params.push(value)
      sql += ` AND ${clause.replace("?", `$${params.length}`)}`
    }
    if (f.from) add(`r.answered_at >= ?`, f.from)
    if (f.to) add(`r.answered_at < ?`, f.to)
    if (f.terminal_id) add(`r.terminal_id = ?`, f.terminal_id)
    if (f.location_id) add(`r.location_id = ?`, f.location_id)
    if (f.version) add(`r.version = ?`, f.version)
    return { sql, params }
  }

  /**
   * The questions of every version answered in the filter (newest wording
   * first; a question dropped in a later version still counts its old answers).
   */
  protected async questionsOf_(id: string): Promise<{ id: string; type: string; title: string; choices: Record<string, string> }[]> {
    const versions: { definition: Definition }[] = await this.activeManager_.query(
      `SELECT definition FROM feedback_questionnaire_version WHERE questionnaire_id = $1 ORDER BY version DESC`,
      [id]
    )
    if (!versions.length) {
      throw new DomainError("not_found", `Questionnaire ${id} was not found`, 404)
    }
    const byId = new Map<string, { id: string; type: string; title: string; choices: Record<string, string> }>()
    for (const v of versions) {
      for (const q of v.definition.questions) {
        const known = byId.get(q.id)
        const choices = Object.fromEntries((q.choices ?? []).map((c) => [c.id, textIn(c.label, "en")]))
        if (!known) {
          byId.set(q.id, { id: q.id, type: q.type, title: textIn(q.title, "en"), choices })
        } else {
          known.choices = { ...choices, ...known.choices }
        }
      }
    }
    return [...byId.values()]
  }

  /** Counts per value, averages (scales), NPS and recent free texts per question, and responses per day. */
  async results(
    id: string,
    filter: ResultsFilter
  ): Promise<{ responses: number; questions: QuestionResult[]; days: { day: string; responses: number }[] }> {
    const questions = await this.questionsOf_(id)
    const { sql, params } = this.where_(id, filter)
    const [{ count }]: { count: string }[] = await this.activeManager_.query(`SELECT count(*) FROM feedback_response r WHERE ${sql}`, params)
    const groups: { question: string; value: unknown; n: string }[] = await this.activeManager_.query(
      `SELECT a.key AS question, a.value, count(*) AS n
         FROM feedback_response r CROSS JOIN LATERAL jsonb_each(r.answers) a
        WHERE ${sql} AND a.key <> ALL($${params.length + 1})
        GROUP BY 1, 2`,
      [...params, questions.filter((q) => q.type === "text").map((q) => q.id)]
    )
    const texts: { question: string; text: string; answered_at: Date }[] = await this.activeManager_.query(
      `SELECT question, text, answered_at FROM (
         SELECT a.key AS question, a.value #>> '{}' AS text, r.answered_at,
                row_number() OVER (PARTITION BY a.key ORDER BY r.answered_at DESC, r.id DESC) AS rank
           FROM feedback_response r CROSS JOIN LATERAL jsonb_each(r.answers) a
          WHERE ${sql} AND a.key = ANY($${params.length + 1})) t
        WHERE rank <= ${MAX_TEXTS} ORDER BY answered_at DESC`,
      [...params, questions.filter((q) => q.type === "text").map((q) => q.id)]
    )
    const days: { day: string; responses: string }[] = await this.activeManager_.query(
      `SELECT to_char(date_trunc('day', r.answered_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS day, count(*) AS responses
         FROM feedback_response r WHERE ${sql} GROUP BY 1 ORDER BY 1 LIMIT 1000`,
      params
    )
    const out: QuestionResult[] = questions.map((q) => {
      const counts: Record<string, number> = {}
      let answered = 0
      let sum = 0
      for (const g of groups.filter((g) => g.question === q.id)) {
        const n = Number(g.n)
        if (Array.isArray(g.value)) {
          answered += n
          for (const v of g.value) counts[String(v)] = (counts[String(v)] ?? 0) + n
        } else {
          answered += n
          counts[String(g.value)] = (counts[String(g.value)] ?? 0) + n
          if (typeof g.value === "number") sum += g.value * n
        }
      }
      if (q.type === "text") {
        const list = texts.filter((t) => t.question === q.id)
        return { id: q.id, type: q.type, title: q.title, answered: list.length, texts: list.map((t) => ({ text: t.text, answered_at: new Date(t.answered_at).toISOString() })) }
      }
      const result: QuestionResult = { id: q.id, type: q.type, title: q.title, answered, counts }
      if (scaleOf(q.type as Definition["questions"][number]["type"])) {
        result.average = answered ? Math.round((sum / answered) * 100) / 100 : null
      }
      if (q.type === "nps") {
        let promoters = 0
        let detractors = 0
        for (const [v, n] of Object.entries(counts)) {
          if (Number(v) >= 9) promoters += n
          else if (Number(v) <= 6) detractors += n
        }
        result.nps = answered ? Math.round(((promoters - detractors) / answered) * 100) : null
      }
      return result
    })
    // Free-text totals are counted, not only the listed ones.
    const textTotals: { question: string; n: string }[] = await this.activeManager_.query(
      `SELECT a.key AS question, count(*) AS n FROM feedback_response r CROSS JOIN LATERAL jsonb_each(r.answers) a
        WHERE ${sql} AND a.key = ANY($${params.length + 1}) GROUP BY 1`,
      [...params, questions.filter((q) => q.type === "text").map((q) => q.id)]
    )
    for (const t of textTotals) {
      const q = out.find((o) => o.id === t.question)
      if (q) q.answered = Number(t.n)
    }
    return { responses: Number(count), questions: out, days: days.map((d) => ({ day: d.day, responses: Number(d.responses) })) }
  }

  /**
   * Every response in the filter as rows: one column per question of ANY
   * version (so older answers never vanish), multiple choices joined by `|`.
   */
  async exportRows(id: string, filter: ResultsFilter): Promise<{ columns: string[]; rows: string[][] }> {
    const questions = await this.questionsOf_(id)
    const { sql, params } = this.where_(id, filter)
    const responses: { id: string; answered_at: Date; received_at: Date; version: number; terminal_id: string; location_id: string; locale: string | null; answers: Record<string, unknown> }[] =
      await this.activeManager_.query(
        `SELECT r.id, r.answered_at, r.received_at, r.version, r.terminal_id, r.location_id, r.locale, r.answers
           FROM feedback_response r WHERE ${sql} ORDER BY r.answered_at, r.id LIMIT ${MAX_EXPORT}`,
        params
      )
    const columns = ["response_id", "answered_at", "received_at", "version", "terminal_id", "location_id", "locale", ...questions.map((q) => q.id)]
    const rows = responses.map((r) => [
      r.id,
      new Date(r.answered_at).toISOString(),
      new Date(r.received_at).toISOString(),
      String(r.version),
      r.terminal_id,
      r.location_id,
      r.locale ?? "",
      ...questions.map((q) => {
        const v = r.answers[q.id]
        return v === undefined ? "" : Array.isArray(v) ? v.join("|") : String(v)
      }),
    ])
    return { columns, rows }
  }

  async health(): Promise<ModuleHealth> {
    await this.activeManager_.query(`SELECT 1 FROM feedback_questionnaire LIMIT 1`)
    return { status: "ok" }
  }
}

function stripUndefined<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>
}
