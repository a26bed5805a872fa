import { TransactionBaseService } from "@medusajs/medusa"
import type { Logger } from "@medusajs/medusa"
import { Lifetime } from "awilix"
import { LessThan } from "typeorm"
import type { EntityManager } from "typeorm"
import type { QueryDeepPartialEntity } from "typeorm/query-builder/QueryPartialEntity"

import { DomainError, parseBody } from "@customer-modules/core"

import { JobDocument } from "../models/job-document"
import { RenderPool } from "../pdf/pool"
import { jobIdFor } from "../queue/job-id"
import type { JobQueue, JobRun } from "../queue/types"
import { documentDataSchemaOf, enqueueDocumentSchema } from "../schemas"
import type { DocumentDataByKind, EnqueueDocumentInput } from "../schemas"
import type { BrandingDTO, DocumentDTO, DocumentKind, DocumentStatus } from "../types"
import type BrandingService from "./branding"
import type DocumentStorageService from "./document-storage"
import type JobQueueService from "./job-queue"
import { errorText, validated } from "../utils/errors"

type InjectedDependencies = {
  manager: EntityManager
  logger: Logger
  brandingService: BrandingService
  documentStorageService: DocumentStorageService
  jobQueueService: JobQueueService
}

type DocumentJob = { document_id: string; key: string }

const MAX_PAGE = 200
const REQUEUE_BATCH = 500

/**
 * PDF documents in the merchant's design: rendered on demand (`render`, for
 * previews and downloads) or queued and stored under their business key
 * (`enqueue`), downloadable in the admin.
 */
export default class DocumentService extends TransactionBaseService {
  /** One instance per process: it owns queues, connections and registered handlers. */
  static readonly LIFE_TIME = Lifetime.SINGLETON
  static readonly Events = { RENDERED: "job_document.rendered" }

  protected readonly logger_: Logger
  protected readonly branding_: BrandingService
  protected readonly storage_: DocumentStorageService
  protected readonly queue_: JobQueue<DocumentJob>
  protected readonly pool_: RenderPool

  constructor(container: InjectedDependencies) {
    super(container)
    this.logger_ = container.logger
    this.branding_ = container.brandingService
    this.storage_ = container.documentStorageService
    const jobs = container.jobQueueService
    this.pool_ = new RenderPool(jobs.options.pdfWorkers)
    this.queue_ = jobs.define<DocumentJob>({
      name: "document",
      attempts: jobs.options.documentAttempts,
      backoff_ms: jobs.options.backoff_ms,
      // One job per render thread (they wait on the pool, not on this event loop).
      concurrency: Math.max(1, this.pool_.size),
      handler: (data, run) => this.renderDocumentIfNotRendered(data.document_id, run),
      keyOf: (data) => data.key,
      onRetry: (data) => this.markRequeued_(data.document_id),
    })
    this.queue_.onReconnect?.(() => {
      this.requeueQueued().then(
        (n) => n && this.logger_.info(`[jobs] queue reachable again: ${n} queued document(s) added`),
        (e) => this.logger_.warn(`[jobs] could not requeue queued documents: ${errorText(e)}`)
      )
    })
  }

  /**
   * Renders a document now and returns the PDF (previews, downloads). `data`
   * is validated for the kind (400 `invalid_request`); `branding` defaults to
   * the merchant's saved branding.
   */
  async render<K extends DocumentKind | (string & {})>(kind: K, data: K extends DocumentKind ? DocumentDataByKind[K] : Record<string, unknown>, branding?: BrandingDTO): Promise<Buffer> {
    validated("data", () => documentDataSchemaOf(kind)!.parse(data))
    return this.pool_.render(kind, data, branding ?? (await this.branding_.retrieve()))
  }

  /**
   * Queues a document to be rendered and stored under its business key; a
   * second call with the same key returns the same document and renders nothing.
   */
  async enqueue(input: EnqueueDocumentInput): Promise<DocumentDTO> {
    const { key, kind, data } = parseBody(enqueueDocumentSchema, input)
    validated("data", () => documentDataSchemaOf(kind)!.parse(data))
    const row = await this.insert_(key, kind, data)
    if (row.status === "queued") {
      await this.addJob_(row)
    }
    return toDocumentDTO(row)
  }

  /**
   * Queues again every document still `queued` that was created before
   * `before` (default: now): heals enqueues whose queue write was lost (Redis
   * down, in-process queue lost in a restart). Idempotent by job id.
   */
  async requeueQueued(before: Date = new Date()): Promise<number> {
    const rows = await this.manager_.getRepository(JobDocument).find({
      where: { status: "queued", created_at: LessThan(before) },
      order: { created_at: "ASC" },
      take: REQUEUE_BATCH,
    })
    let added = 0
    for (const row of rows) {
      if (await this.queue_.add(jobIdFor("document", row.key), { document_id: row.id, key: row.key })) {
        added++
      }
    }
    return added
  }

  /** Adds the document's job; while the queue's Redis is away the row stays `queued` (the outbox) and the relay adds it later. */
  protected async addJob_(row: JobDocument): Promise<void> {
    try {
      await this.queue_.add(jobIdFor("document", row.key), { document_id: row.id, key: row.key })
    } catch (e) {
      if (Date.now() - this.lastQueueWarning_ms_ > 60_000) {
        this.lastQueueWarning_ms_ = Date.now()
        this.logger_.warn(`[jobs] document queue unavailable, documents wait as queued rows until it is back: ${errorText(e)}`)
      }
    }
  }

  protected lastQueueWarning_ms_ = 0

  /** The document under `key`, rendered and stored now if it is not yet (used for mail attachments). */
  async ensureRendered(input: { key: string; kind: string; data: Record<string, unknown> }): Promise<{ document: DocumentDTO; content: Buffer }> {
    const row = await this.insert_(input.key, input.kind, input.data)
    return this.contentOf_(row)
  }

  /** A stored document's PDF (rendered now if it is still queued). */
  async content(id: string): Promise<{ document: DocumentDTO; content: Buffer; filename: string }> {
    const row = await this.row_(id)
    const { document, content } = await this.contentOf_(row)
    return { document, content, filename: filenameOf(row) }
  }

  async retrieve(id: string): Promise<DocumentDTO> {
    return toDocumentDTO(await this.row_(id))
  }

  async list(page: { limit?: number; offset?: number } = {}): Promise<{ documents: DocumentDTO[]; count: number }> {
    const [rows, count] = await this.activeManager_.getRepository(JobDocument).findAndCount({
      order: { created_at: "DESC", id: "DESC" },
      take: Math.min(page.limit ?? 50, MAX_PAGE),
      skip: page.offset ?? 0,
    })
    return { documents: rows.map(toDocumentDTO), count }
  }

  /** The document job's handler: renders and stores unless already done; safe to run twice. */
  async renderDocumentIfNotRendered(id: string, run: JobRun): Promise<void> {
    const row = await this.manager_.getRepository(JobDocument).findOne({ where: { id } })
    if (!row) {
      throw new Error(`document ${id} not found (yet)`)
    }
    if (row.status === "rendered") {
      return
    }
    try {
      await this.renderAndStore_(row)
    } catch (e) {
      const final = run.attempt >= run.maxAttempts
      await this.manager_.getRepository(JobDocument).update(
        { id, status: "queued" },
        { attempts: run.attempt, last_error: errorText(e), ...(final ? { status: "failed" } : {}) }
      )
      throw e
    }
  }

  /** Render threads of the pool (0: documents render on the main thread). */
  get renderThreads(): number {
    return this.pool_.size
  }

  /** Ends the render threads (after the workers stopped taking jobs). */
  close(): Promise<void> {
    return this.pool_.close()
  }

  protected async contentOf_(row: JobDocument): Promise<{ document: DocumentDTO; content: Buffer }> {
    if (row.status === "rendered" && row.file_key) {
      return { document: toDocumentDTO(row), content: await this.storage_.get(row.file_key) }
    }
    const content = await this.renderAndStore_(row)
    return { document: toDocumentDTO(row), content }
  }

  protected async renderAndStore_(row: JobDocument): Promise<Buffer> {
    const content = await this.pool_.render(row.kind, row.data, await this.branding_.retrieve())
    const fileKey = await this.storage_.put(`documents/${row.id}.pdf`, content)
    Object.assign(row, { status: "rendered" as DocumentStatus, file_key: fileKey, size_bytes: content.length, rendered_at: new Date(), last_error: null })
    await this.manager_.getRepository(JobDocument).update(
      { id: row.id },
      { status: "rendered", file_key: fileKey, size_bytes: content.length, rendered_at: row.rendered_at, last_error: null, attempts: row.attempts + 1 }
    )
    row.attempts += 1
    return content
  }

  /** Inserts the document unless its key exists; returns the row either way. */
  protected async insert_(key: string, kind: string, data: Record<string, unknown>): Promise<JobDocument> {
    const repo = this.activeManager_.getRepository(JobDocument)
    await repo
      .createQueryBuilder()
      .insert()
      .into(JobDocument)
      .values(repo.create({ key, kind, data, status: "queued", attempts: 0 }) as QueryDeepPartialEntity<JobDocument>)
      .orIgnore()
      .execute()
    const row = await repo.findOne({ where: { key } })
    if (!row) {
      throw new Error(`document ${key} vanished`)
    }
    if (row.kind !== kind) {
      throw new DomainError("conflict", `The document key ${key} is already used for a ${row.kind}`, 409)
    }
    return row
  }

  protected async row_(id: string): Promise<JobDocument> {
    const row = await this.activeManager_.getRepository(JobDocument).findOne({ where: { id } })
    if (!row) {
      throw new DomainError("not_found", `Document ${id} was not found`, 404)
    }
    return row
  }

  protected async markRequeued_(id: string): Promise<void> {
    await this.manager_.getRepository(JobDocument).update({ id, status: "failed" }, { status: "queued", last_error: null })
  }
}

export function filenameOf(row: { kind: string; key: string }): string {
  return `${row.kind}-${row.key.replace(/[^A-Za-z0-9_.-]+/g, "_").slice(0, 80)}.pdf`
}

export function toDocumentDTO(row: JobDocument): DocumentDTO {
  return {
    id: row.id,
    key: row.key,
    kind: row.kind,
    status: row.status as DocumentStatus,
    file_key: row.file_key,
    url: `/admin/jobs/documents/${row.id}/download`,
    size_bytes: row.size_bytes,
    attempts: row.attempts,
    last_error: row.last_error,
    rendered_at: row.rendered_at,
    created_at: row.created_at,
  }
}
