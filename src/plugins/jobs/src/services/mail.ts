import path from "path"

import { TransactionBaseService } from "@medusajs/medusa"
import type { Logger } from "@medusajs/medusa"
import { Lifetime } from "awilix"
import { LessThan } from "typeorm"
import type { EntityManager, FindOptionsWhere } from "typeorm"
import type { QueryDeepPartialEntity } from "typeorm/query-builder/QueryPartialEntity"

import { DomainError, parseBody, redactText } from "@customer-modules/core"

import type BrandingService from "./branding"
import type DocumentService from "./document"
import { filenameOf } from "./document"
import type JobQueueService from "./job-queue"
import { addressOf, isPermanentSmtpError, Mailer } from "../mail/mailer"
import { renderMail } from "../mail/templates"
import { JobMail } from "../models/job-mail"
import { jobIdFor } from "../queue/job-id"
import type { JobQueue, JobRun } from "../queue/types"
import { PermanentJobError } from "../queue/types"
import { documentDataSchemaOf, enqueueMailSchema, mailDataSchemaOf } from "../schemas"
import type { EnqueueMailInput } from "../schemas"
import type { Locale, MailContentDTO, MailDTO, MailStatus } from "../types"
import { errorText, validated } from "../utils/errors"


type InjectedDependencies = {
  manager: EntityManager
  logger: Logger
  brandingService: BrandingService
  documentService: DocumentService
  jobQueueService: JobQueueService
}

type MailJob = { mail_id: string; key: string }
type StoredAttachment = { document?: { kind: string; key: string; data: Record<string, unknown>; filename?: string | null }; document_id?: string; filename?: string | null; file?: { filename: string; content_type: string; content: string } }

export type MailFilter = { status?: MailStatus; kind?: string; limit?: number; offset?: number }

const MAX_PAGE = 200
const REQUEUE_BATCH = 500

/**
 * E-mail through the queue: `enqueue` records the mail under its business key
 * and queues it; the worker renders the template in the merchant's design,
 * attaches documents, keeps an `.eml` and sends it over SMTP. A second enqueue
 * with the same key is the same mail; SMTP outages delay a mail, never lose it.
 */
export default class MailService extends TransactionBaseService {
  /** One instance per process: it owns queues, connections and registered handlers. */
  static readonly LIFE_TIME = Lifetime.SINGLETON
  static readonly Events = { SENT: "job_mail.sent", FAILED: "job_mail.failed" }

  protected readonly logger_: Logger
  protected readonly branding_: BrandingService
  protected readonly documents_: DocumentService
  protected readonly queue_: JobQueue<MailJob>
  protected readonly mailer_: Mailer
  protected readonly from_: string

  constructor(container: InjectedDependencies) {
    super(container)
    this.logger_ = container.logger
    this.branding_ = container.brandingService
    this.documents_ = container.documentService
    const jobs = container.jobQueueService
    this.from_ = jobs.options.mailFrom
    this.mailer_ = new Mailer(jobs.options.smtpUrl, path.join(jobs.options.dataDir, "mail"))
    this.queue_ = jobs.define<MailJob>({
      name: "mail",
      attempts: jobs.options.mailAttempts,
      backoff_ms: jobs.options.backoff_ms,
      // Sending is mostly waiting (database, SMTP): many at once, over the pooled SMTP connections.
      concurrency: jobs.options.mailConcurrency,
      handler: (data, run) => this.sendMailIfNotSent(data.mail_id, run),
      keyOf: (data) => data.key,
      onRetry: (data) => this.markRequeued_(data.mail_id),
    })
    // The relay: when the queue's Redis comes back, every mail still queued is added (a no-op for those in the queue).
    this.queue_.onReconnect?.(() => {
      this.requeueQueued().then(
        (n) => n && this.logger_.info(`[jobs] queue reachable again: ${n} queued mail(s) added`),
        (e) => this.logger_.warn(`[jobs] could not requeue queued mails: ${errorText(e)}`)
      )
    })
  }

  /** `smtp` when SMTP_URL is set, else `file` (only `.eml` files under the data directory). */
  get transport(): "smtp" | "file" {
    return this.mailer_.mode
  }

  /**
   * Records a mail under its business key and queues it; returns at once.
   * `data` is validated for the kind and attached documents for theirs
   * (400 `invalid_request`). A second call with the same key returns the first
   * mail and sends nothing more.
   */
  async enqueue(input: EnqueueMailInput): Promise<MailDTO> {
    const parsed = parseBody(enqueueMailSchema, input)
    validated("data", () => mailDataSchemaOf(parsed.kind)!.parse(parsed.data))
    parsed.attachments.forEach((a, i) => {
      if ("document" in a) {
        validated(`attachments.${i}.document.data`, () => documentDataSchemaOf(a.document.kind)!.parse(a.document.data))
      }
    })
    const repo = this.activeManager_.getRepository(JobMail)
    await repo
      .createQueryBuilder()
      .insert()
      .into(JobMail)
      .values(
        repo.create({
          key: parsed.key,
          kind: parsed.kind,
          to: parsed.to,
          locale: parsed.locale ?? null,
          data: parsed.data,
          attachments: parsed.attachments,
          status: "queued",
          attempts: 0,
        }) as QueryDeepPartialEntity<JobMail>
      )
      .orIgnore()
      .execute()
    const row = await repo.findOne({ where: { key: parsed.key } })
    if (!row) {
      throw new Error(`mail ${parsed.key} vanished`)
    }
    if (row.status === "queued") {
      // Also for a repeated key: the job id makes this a no-op while the job exists.
      await this.addJob_(row)
    }
    return toMailDTO(row)
  }

  /** The mail log, newest first. */
  async list(filter: MailFilter = {}): Promise<{ mails: MailDTO[]; count: number }> {
    const where: FindOptionsWhere<JobMail> = {}
    if (filter.status) where.status = filter.status
    if (filter.kind) where.kind = filter.kind
    const [rows, count] = await this.activeManager_.getRepository(JobMail).findAndCount({
      where,
      order: { created_at: "DESC", id: "DESC" },
      take: Math.min(filter.limit ?? 50, MAX_PAGE),
      skip: filter.offset ?? 0,
    })
    return { mails: rows.map(toMailDTO), count }
  }

  /** One mail with its rendered content (null until it was rendered). */
  async retrieve(id: string): Promise<MailContentDTO> {
    const row = await this.row_(id)
    return { ...toMailDTO(row), html: row.html, text: row.text }
  }

  /** The mail as sent (`message/rfc822`). */
  async eml(id: string): Promise<Buffer> {
    const row = await this.row_(id)
    if (!row.eml_path) {
      throw new DomainError("not_found", `Mail ${id} has not been built yet`, 404)
    }
    return this.mailer_.read(row.eml_path)
  }

  /**
   * The mail job's handler: renders, stores and sends the mail unless it was
   * sent already; safe to run twice. Temporary SMTP failures are retried with
   * backoff; a 5xx answer or the last attempt marks the mail failed.
   */
  async sendMailIfNotSent(id: string, run: JobRun): Promise<void> {
    const repo = this.manager_.getRepository(JobMail)
    const row = await repo.findOne({ where: { id } })
    if (!row) {
      throw new Error(`mail ${id} not found (yet)`)
    }
    if (row.status === "sent") {
      return
    }
    try {
      const branding = await this.branding_.retrieve()
      const content = renderMail(row.kind, row.data, row.locale as Locale | null, branding)
      const attachments = await this.attachments_(row.attachments as StoredAttachment[])
      const raw = await this.mailer_.compose({
        from: this.from_,
        to: row.to,
        replyTo: branding.reply_to,
        subject: content.subject,
        html: content.html,
        text: content.text,
        messageId: `<${row.id}@customer-modules>`,
        attachments,
        unsubscribeUrl: content.unsubscribe_url,
      })
      const emlPath = await this.mailer_.store(row.id, raw)
      await repo.update({ id }, { subject: content.subject, html: content.html, text: content.text, eml_path: emlPath })
      const response = await this.mailer_.deliver(raw, { from: addressOf(this.from_), to: row.to })
      await repo.update(
        { id },
        { status: "sent", sent_at: new Date(), attempts: row.attempts + 1, last_error: null, transport: this.mailer_.mode, message_id: `<${row.id}@customer-modules>` }
      )
      this.logger_.info(`[jobs] mail ${row.id} (${row.kind}): ${this.mailer_.mode === "smtp" ? `sent, ${redactText(String(response))}` : "written to its .eml file"}`)
    } catch (e) {
      const permanent = isPermanentSmtpError(e) || e instanceof DomainError
      const final = permanent || run.attempt >= run.maxAttempts
      await repo.update({ id }, { attempts: row.attempts + 1, last_error: errorText(e), ...(final ? { status: "failed" } : {}) })
      if (final) {
        this.logger_.warn(`[jobs] mail ${row.id} failed for good after ${run.attempt} attempt(s): ${redactText(errorText(e))}`)
      }
      throw permanent ? new PermanentJobError(errorText(e)) : e
    }
  }

  /**
   * Queues again every mail still `queued` that was created before `before`
   * (default: now): heals enqueues whose queue write was lost (Redis down at
   * that moment, or an in-process queue lost in a restart). Idempotent by job id.
   */
  async requeueQueued(before: Date = new Date()): Promise<number> {
    const rows = await this.manager_.getRepository(JobMail).find({
      where: { status: "queued", created_at: LessThan(before) },
      order: { created_at: "ASC" },
      take: REQUEUE_BATCH,
    })
    let added = 0
    for (const row of rows) {
      if (await this.queue_.add(jobIdFor("mail", row.key), { mail_id: row.id, key: row.key })) {
        added++
      }
    }
    return added
  }

  /**
   * Adds the mail's job. The row is the outbox: when the queue's Redis is away
   * the mail stays `queued` and the caller goes on at once; the relay adds it
   * when the connection is back (and the schedule sweeps whatever is left).
   */
  protected async addJob_(row: JobMail): Promise<void> {
    try {
      await this.queue_.add(jobIdFor("mail", row.key), { mail_id: row.id, key: row.key })
    } catch (e) {
      this.warnQueueDown_(e)
    }
  }

  protected lastQueueWarning_ms_ = 0

  protected warnQueueDown_(e: unknown): void {
    if (Date.now() - this.lastQueueWarning_ms_ > 60_000) {
      this.lastQueueWarning_ms_ = Date.now()
      this.logger_.warn(`[jobs] mail queue unavailable, mails wait as queued rows until it is back: ${errorText(e)}`)
    }
  }

  close(): void {
    this.mailer_.close()
  }

  protected async attachments_(list: StoredAttachment[]): Promise<{ filename: string; content: Buffer; contentType: string }[]> {
    const out: { filename: string; content: Buffer; contentType: string }[] = []
    for (const a of list ?? []) {
      if (a.document) {
        const { content } = await this.documents_.ensureRendered(a.document)
        out.push({ filename: a.document.filename ?? filenameOf(a.document), content, contentType: "application/pdf" })
      } else if (a.document_id) {
        const { content, filename } = await this.documents_.content(a.document_id)
        out.push({ filename: a.filename ?? filename, content, contentType: "application/pdf" })
      } else if (a.file) {
        out.push({ filename: a.file.filename, content: Buffer.from(a.file.content, "utf-8"), contentType: `${a.file.content_type}; charset=utf-8` })
      }
    }
    return out
  }

  protected async row_(id: string): Promise<JobMail> {
    const row = await this.activeManager_.getRepository(JobMail).findOne({ where: { id } })
    if (!row) {
      throw new DomainError("not_found", `Mail ${id} was not found`, 404)
    }
    return row
  }

  protected async markRequeued_(id: string): Promise<void> {
    await this.manager_.getRepository(JobMail).update({ id, status: "failed" }, { status: "queued" })
  }
}

export function toMailDTO(row: JobMail): MailDTO {
  return {
    id: row.id,
    key: row.key,
    kind: row.kind,
    to: row.to,
    locale: row.locale as Locale | null,
    subject: row.subject,
    status: row.status as MailStatus,
    attempts: row.attempts,
    last_error: row.last_error,
    transport: row.transport as MailDTO["transport"],
    message_id: row.message_id,
    eml_path: row.eml_path,
    sent_at: row.sent_at,
    created_at: row.created_at,
    updated_at: row.updated_at,
  }
}
