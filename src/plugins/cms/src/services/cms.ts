import { createHash } from "crypto"

import { TransactionBaseService } from "@medusajs/medusa"
import { EntityManager } from "typeorm"

import { DomainError, ModuleHealth, newEntityId } from "@customer-modules/core"

import type { CmsSettings, FaqDTO, Locale, NewsDTO, PublicAnswer, Status } from "../types"
import { faqFragment, newsFragment, publicFaq, publicNews } from "../utils/fragments"

type InjectedDependencies = { manager: EntityManager }

export type NewsInput = {
  title?: string
  body?: string
  image_url?: string | null
  valid_from?: Date | null
  valid_until?: Date | null
  locale?: Locale | null
  location_ids?: string[]
  pinned?: boolean
  status?: Status
}
export type FaqInput = { question?: string; answer?: string; category?: string | null; position?: number; locale?: Locale | null; status?: Status }
export type PublicNewsQuery = { locale: Locale; location_id?: string }
export type PublicFaqQuery = { locale: Locale; category?: string }

/**
 * Longest an answer is kept in this process's cache: edits made in another
 * process (a second server) reach this one within it. Edits made here clear
 * the cache at once; validity changes end an entry exactly when they happen.
 */
export const CACHE_MAX_MS = 10_000
const SETTINGS_MAX_MS = 10_000

type CacheEntry = { answer: PublicAnswer; expires: number }

/**
 * One cache per process, shared by every instance of the service (Medusa makes
 * a new one for each transaction): an edit in one clears it for all.
 */
const cache = new Map<string, CacheEntry>()
/** Answers being built: concurrent misses of one key wait for the same build (no stampede at expiry). */
const building = new Map<string, { generation: number; promise: Promise<PublicAnswer> }>()
/** Raised by every edit: a build that started before it is not cached. */
let generation = 0
let settingsCache: { value: CmsSettings; expires: number } | null = null
/**
 * The allowed origins as last read, for answers that cannot wait on the
 * database (the CSP of every embed page): kept across edits, refreshed in the
 * background once older than SETTINGS_MAX_MS or after an edit.
 */
let knownOrigins: { value: string[]; read: number } = { value: [], read: 0 }
let refreshingOrigins: Promise<unknown> | null = null

const NEWS_COLUMNS = `"id", "title", "body", "image_url", "valid_from", "valid_until", "locale", "location_ids", "pinned", "status", "created_at", "updated_at"`
const FAQ_COLUMNS = `"id", "question", "answer", "category", "position", "locale", "status", "created_at", "updated_at"`

function iso(d: Date | string | null): string | null {
  return d === null ? null : new Date(d).toISOString()
}

function toNews(r: Record<string, unknown>): NewsDTO {
  return {
    ...(r as unknown as NewsDTO),
    valid_from: iso(r.valid_from as Date | null),
    valid_until: iso(r.valid_until as Date | null),
    created_at: iso(r.created_at as Date)!,
    updated_at: iso(r.updated_at as Date)!,
  }
}

function toFaq(r: Record<string, unknown>): FaqDTO {
  return { ...(r as unknown as FaqDTO), created_at: iso(r.created_at as Date)!, updated_at: iso(r.updated_at as Date)! }
}

function etag(s: string): string {
  return `"${createHash("sha256").update(s).digest("base64url").slice(0, 27)}"`
}

/**
 * News and FAQ of the merchant's website. The public answers are rendered once
 * (JSON and the HTML fragment, each with its ETag) and kept in memory until
 * the next edit here, the next validity change (an item becoming valid or
 * expiring) or CACHE_MAX_MS, whichever comes first.
 */
export default class CmsService extends TransactionBaseService {
  constructor(container: InjectedDependencies) {
    // eslint-disable-next-line prefer-rest-params
    super(container, arguments[1])
  }

  async health(): Promise<ModuleHealth> {
    await this.activeManager_.query(`SELECT 1 FROM "cms_setting" LIMIT 1`)
    return { status: "ok" }
  }

  /** Drops every cached public answer (after any edit). */
  invalidate(): void {
    cache.clear()
    building.clear()
    settingsCache = null
    knownOrigins = { ...knownOrigins, read: 0 }
    generation++
  }

  /**
   * The allowed origins now, without waiting: the last list read (at once after
   * an edit in this process, within SETTINGS_MAX_MS of one in another); a stale
   * list starts a read in the background. core's `sendEmbedPage` uses it for
   * `frame-ancestors` (registered by the loader).
   */
  allowedOriginsNow(): string[] {
    if (Date.now() - knownOrigins.read > SETTINGS_MAX_MS && !refreshingOrigins) {
      refreshingOrigins = this.settings()
        .catch(() => undefined)
        .finally(() => (refreshingOrigins = null))
    }
    return knownOrigins.value
  }

  // ---- news ----

  async listNews(filter: { status?: Status; locale?: Locale }, page: { limit: number; offset: number }): Promise<[NewsDTO[], number]> {
    const { sql, params } = statusAndLocaleWhere(filter)
    const rows = await this.activeManager_.query(
      `SELECT ${NEWS_COLUMNS}, count(*) OVER () AS "total" FROM "cms_news" ${sql}
       ORDER BY "pinned" DESC, coalesce("valid_from", "created_at") DESC, "id" DESC LIMIT ${page.limit} OFFSET ${page.offset}`,
      params
    )
    const count = rows.length ? Number(rows[0].total) : 0
    return [rows.map(({ total: _t, ...r }: Record<string, unknown>) => toNews(r)), count]
  }

  async retrieveNews(id: string): Promise<NewsDTO> {
    const [row] = await this.activeManager_.query(`SELECT ${NEWS_COLUMNS} FROM "cms_news" WHERE "id" = $1`, [id])
    if (!row) {
      throw new DomainError("not_found", "No such news item", 404)
    }
    return toNews(row)
  }

  async createNews(input: NewsInput & { title: string; body: string }): Promise<NewsDTO> {
    const id = newEntityId("news")
    await this.activeManager_.query(
      `INSERT INTO "cms_news" ("id", "title", "body", "image_url", "valid_from", "valid_until", "locale", "location_ids", "pinned", "status")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [id, input.title, input.body, input.image_url ?? null, input.valid_from ?? null, input.valid_until ?? null, input.locale ?? null, input.location_ids ?? [], input.pinned ?? false, input.status ?? "published"]
    )
    this.invalidate()
    return this.retrieveNews(id)
  }

  async updateNews(id: string, input: NewsInput): Promise<NewsDTO> {
    const current = await this.retrieveNews(id)
    const next = { ...current, ...input }
    const from = next.valid_from ? new Date(next.valid_from) : null
    const until = next.valid_until ? new Date(next.valid_until) : null
    if (from && until && from >= until) {
      throw new DomainError("invalid_request", "valid_until must be after valid_from", 400)
    }
    await this.activeManager_.query(
      `UPDATE "cms_news" SET "title" = $2, "body" = $3, "image_url" = $4, "valid_from" = $5, "valid_until" = $6, "locale" = $7,
         "location_ids" = $8, "pinned" = $9, "status" = $10, "updated_at" = now() WHERE "id" = $1`,
      [id, next.title, next.body, next.image_url, from, until, next.locale, next.location_ids, next.pinned, next.status]
    )
    this.invalidate()
    return this.retrieveNews(id)
  }

  async deleteNews(id: string): Promise<void> {
    await this.retrieveNews(id)
    await this.activeManager_.query(`DELETE FROM "cms_news" WHERE "id" = $1`, [id])
    this.invalidate()
  }

  // ---- FAQ ----

  async listFaq(filter: { status?: Status; locale?: Locale }): Promise<FaqDTO[]> {
    const { sql, params } = statusAndLocaleWhere(filter)
    const rows = await this.activeManager_.query(`SELECT ${FAQ_COLUMNS} FROM "cms_faq" ${sql} ORDER BY "position", "created_at", "id" LIMIT 1000`, params)
    return rows.map(toFaq)
  }

  async retrieveFaq(id: string): Promise<FaqDTO> {
    const [row] = await this.activeManager_.query(`SELECT ${FAQ_COLUMNS} FROM "cms_faq" WHERE "id" = $1`, [id])
    if (!row) {
      throw new DomainError("not_found", "No such FAQ entry", 404)
    }
    return toFaq(row)
  }

  async createFaq(input: FaqInput & { question: string; answer: string }): Promise<FaqDTO> {
    const id = newEntityId("faq")
    await this.activeManager_.query(
      `INSERT INTO "cms_faq" ("id", "question", "answer", "category", "position", "locale", "status")
       VALUES ($1, $2, $3, $4, coalesce($5, (SELECT coalesce(max("position") + 1, 0) FROM "cms_faq")), $6, $7)`,
      [id, input.question, input.answer, input.category ?? null, input.position ?? null, input.locale ?? null, input.status ?? "published"]
    )
    this.invalidate()
    return this.retrieveFaq(id)
  }

  async updateFaq(id: string, input: FaqInput): Promise<FaqDTO> {
    const next = { ...(await this.retrieveFaq(id)), ...input }
    await this.activeManager_.query(
      `UPDATE "cms_faq" SET "question" = $2, "answer" = $3, "category" = $4, "position" = $5, "locale" = $6, "status" = $7, "updated_at" = now() WHERE "id" = $1`,
      [id, next.question, next.answer, next.category, next.position, next.locale, next.status]
    )
    this.invalidate()
    return this.retrieveFaq(id)
  }

  async deleteFaq(id: string): Promise<void> {
    await this.retrieveFaq(id)
    await this.activeManager_.query(`DELETE FROM "cms_faq" WHERE "id" = $1`, [id])
    this.invalidate()
  }

  /** Puts the named entries first, in this order (positions 0…n-1); the others follow in their previous order. */
  async orderFaq(ids: string[]): Promise<FaqDTO[]> {
    if (new Set(ids).size !== ids.length) {
      throw new DomainError("invalid_request", "ids: each entry at most once", 400)
    }
    const known: { id: string }[] = await this.activeManager_.query(`SELECT "id" FROM "cms_faq" WHERE "id" = ANY($1) FOR UPDATE`, [ids])
    if (known.length !== ids.length) {
      throw new DomainError("not_found", "ids: an entry does not exist", 404)
    }
    await this.activeManager_.query(
      `WITH wanted AS (SELECT id, ord - 1 AS pos FROM unnest($1::text[]) WITH ORDINALITY AS t(id, ord)),
            rest AS (SELECT "id", $2::int + row_number() OVER (ORDER BY "position", "created_at", "id") - 1 AS pos FROM "cms_faq" WHERE NOT ("id" = ANY($1)))
       UPDATE "cms_faq" f SET "position" = x.pos, "updated_at" = now()
       FROM (SELECT * FROM wanted UNION ALL SELECT * FROM rest) x WHERE f."id" = x.id`,
      [ids, ids.length]
    )
    this.invalidate()
    return this.listFaq({})
  }

  // ---- settings ----

  async settings(): Promise<CmsSettings> {
    if (settingsCache && settingsCache.expires > Date.now()) {
      return settingsCache.value
    }
    const [row] = await this.activeManager_.query(`SELECT "allowed_origins", "time_zone" FROM "cms_setting" WHERE "id" = 'default'`)
    const value: CmsSettings = row ? { allowed_origins: row.allowed_origins, time_zone: row.time_zone } : { allowed_origins: [], time_zone: "Europe/Berlin" }
    settingsCache = { value, expires: Date.now() + SETTINGS_MAX_MS }
    knownOrigins = { value: value.allowed_origins, read: Date.now() }
    return value
  }

  async updateSettings(input: Partial<CmsSettings>): Promise<CmsSettings> {
    const current = await this.settings()
    const next = { ...current, ...input, allowed_origins: [...new Set(input.allowed_origins ?? current.allowed_origins)] }
    await this.activeManager_.query(
      `INSERT INTO "cms_setting" ("id", "allowed_origins", "time_zone") VALUES ('default', $1, $2)
       ON CONFLICT ("id") DO UPDATE SET "allowed_origins" = $1, "time_zone" = $2, "updated_at" = now()`,
      [next.allowed_origins, next.time_zone]
    )
    this.invalidate()
    return this.settings()
  }

  // ---- previews (drafts and items not valid now, exactly as the site would show them) ----

  /** The news fragment of this one item, whatever its status and validity. */
  async previewNews(id: string, locale?: Locale): Promise<string> {
    const item = await this.retrieveNews(id)
    const { time_zone } = await this.settings()
    return newsFragment([item], locale ?? item.locale ?? "de", time_zone)
  }

  /** The FAQ fragment of this one entry, whatever its status. */
  async previewFaq(id: string, locale?: Locale): Promise<string> {
    const item = await this.retrieveFaq(id)
    return faqFragment([item], locale ?? item.locale ?? "de")
  }

  // ---- public answers ----

  /** Published news valid at this instant for `locale` (and the location, when named), pinned first, newest first. */
  async publicNews(q: PublicNewsQuery): Promise<PublicAnswer> {
    return this.cached_(`news:${q.locale}:${q.location_id ?? ""}`, async (now) => {
      const rows = await this.activeManager_.query(
        `SELECT ${NEWS_COLUMNS} FROM "cms_news"
         WHERE "status" = 'published' AND ("locale" IS NULL OR "locale" = $2)
           AND (cardinality("location_ids") = 0 OR $3::text IS NULL OR $3::text = ANY("location_ids"))
           AND ("valid_until" IS NULL OR "valid_until" > $1)
         ORDER BY "pinned" DESC, coalesce("valid_from", "created_at") DESC, "id" DESC
         LIMIT 200`,
        [now, q.locale, q.location_id ?? null]
      )
      const all: NewsDTO[] = rows.map(toNews)
      const nowMs = now.getTime()
      const valid = all.filter((n) => !n.valid_from || Date.parse(n.valid_from) <= nowMs).slice(0, 50)
      // The answer changes by itself when a listed item expires or a future one becomes valid.
      const changes = all.flatMap((n) => [n.valid_from, n.valid_until]).filter((t): t is string => t !== null).map(Date.parse).filter((t) => t > nowMs)
      const next_change = changes.length ? new Date(Math.min(...changes)) : null
      const { time_zone } = await this.settings()
      return { json: { news: valid.map(publicNews) }, html: newsFragment(valid, q.locale, time_zone), next_change }
    })
  }

  /** Published FAQ entries for `locale` (and category), in the merchant's order. */
  async publicFaq(q: PublicFaqQuery): Promise<PublicAnswer> {
    return this.cached_(`faq:${q.locale}:${q.category ?? ""}`, async () => {
      const rows = await this.activeManager_.query(
        `SELECT ${FAQ_COLUMNS} FROM "cms_faq" WHERE "status" = 'published' AND ("locale" IS NULL OR "locale" = $1) AND ($2::text IS NULL OR "category" = $2)
         ORDER BY "position", "created_at", "id" LIMIT 500`,
        [q.locale, q.category ?? null]
      )
      const items: FaqDTO[] = rows.map(toFaq)
      return { json: { faq: items.map(publicFaq) }, html: faqFragment(items, q.locale), next_change: null }
    })
  }

  protected async cached_(key: string, build: (now: Date) => Promise<{ json: unknown; html: string; next_change: Date | null }>): Promise<PublicAnswer> {
    const nowMs = Date.now()
    const hit = cache.get(key)
    if (hit && hit.expires > nowMs) {
      return hit.answer
    }
    const pending = building.get(key)
    if (pending && pending.generation === generation) {
      return pending.promise
    }
    const started = generation
    const promise = this.build_(key, build, nowMs, started)
    building.set(key, { generation: started, promise })
    try {
      return await promise
    } finally {
      if (building.get(key)?.promise === promise) {
        building.delete(key)
      }
    }
  }

  protected async build_(
    key: string,
    build: (now: Date) => Promise<{ json: unknown; html: string; next_change: Date | null }>,
    nowMs: number,
    started: number
  ): Promise<PublicAnswer> {
    const built = await build(new Date(nowMs))
    const json = JSON.stringify(built.json)
    const answer: PublicAnswer = { json, html: built.html, json_etag: etag(json), html_etag: etag(built.html), next_change: built.next_change }
    const expires = Math.min(nowMs + CACHE_MAX_MS, built.next_change?.getTime() ?? Infinity)
    if (cache.size > 1000) {
      cache.clear()
    }
    if (started === generation) {
      cache.set(key, { answer, expires })
    }
    return answer
  }
}

/** The WHERE of a news or FAQ list: by status, and by locale (items without a locale are in every one). */
function statusAndLocaleWhere(filter: { status?: Status; locale?: Locale }): { sql: string; params: unknown[] } {
  const where: string[] = []
  const params: unknown[] = []
  if (filter.status) {
    params.push(filter.status)
    where.push(`"status" = $${params.length}`)
  }
  if (filter.locale) {
    params.push(filter.locale)
    where.push(`("locale" = $${params.length} OR "locale" IS NULL)`)
  }
  return { sql: where.length ? `WHERE ${where.join(" AND ")}` : "", params }
}
