import fs from "fs"
import path from "path"
import { Worker } from "worker_threads"

import { registeredDocumentKind } from "../registry"
import type { BrandingDTO, DocumentKind } from "../types"

type Pending = { resolve: (pdf: Buffer) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }
/** `idle`: ends the thread once it has had nothing to do for IDLE_MS. */
type Slot = { worker: Worker; busy: number | null; idle: NodeJS.Timeout | null }
/** `module`: where a registered kind is defined, for a thread that has not loaded it yet. */
type Task = { id: number; kind: string; module: string | null; data: unknown; branding: BrandingDTO }

const WORKER_FILE = path.join(__dirname, "render-worker.js")
/** A render that takes longer is stuck: its thread is replaced and the job retried by the queue. */
const RENDER_TIMEOUT_MS = 60_000
/** Young generation of a render thread (MiB). */
const YOUNG_GENERATION_MB = 96
/** Renders waiting for a thread at most; more are refused (the document queue keeps its jobs meanwhile). */
const MAX_WAITING = 1_000
/**
 * A thread with nothing to render for this long ends, and the next document starts a new one
 * (about a second of CPU to load react-pdf): an idle thread holds 100-170 MB of RSS (decision 165).
 */
const IDLE_MS = 10_000

/**
 * PDF rendering off the API's event loop: a pool of worker threads, each
 * rendering one document at a time. With size 0, or where the compiled
 * worker file is missing (tests that run the TypeScript sources), documents
 * are rendered in this thread.
 */
export class RenderPool {
  readonly size: number
  protected readonly slots_: Slot[] = []
  protected readonly waiting_: Task[] = []
  protected readonly pending_ = new Map<number, Pending>()
  protected nextId_ = 1
  protected closed_ = false

  constructor(
    size: number,
    protected readonly nice_ = 10,
    protected readonly idle_ms_ = IDLE_MS
  ) {
    this.size = size > 0 && fs.existsSync(WORKER_FILE) ? size : 0
  }

  /** True when documents render in worker threads. */
  get threaded(): boolean {
    return this.size > 0
  }

  render(kind: DocumentKind | (string & {}), data: unknown, branding: BrandingDTO): Promise<Buffer> {
    if (!this.threaded) {
      // Loaded where first used: react-pdf stays out of the API's thread when threads render (decision 165).
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { renderDocument } = require("./render") as typeof import("./render")
      return renderDocument(kind, data, branding)
    }
    if (this.closed_) {
      return Promise.reject(new Error("the PDF render pool is closed"))
    }
    if (this.waiting_.length >= MAX_WAITING) {
      return Promise.reject(new Error(`the PDF render pool has ${MAX_WAITING} documents waiting; try again later`))
    }
    const id = this.nextId_++
    return new Promise<Buffer>((resolve, reject) => {
      const timer = setTimeout(() => this.timedOut_(id), RENDER_TIMEOUT_MS)
      timer.unref()
      this.pending_.set(id, { resolve, reject, timer })
      this.waiting_.push({ id, kind, module: registeredDocumentKind(kind)?.module ?? null, data, branding })
      this.pump_()
    })
  }

  /** Ends every thread; renders still waiting are refused. */
  async close(): Promise<void> {
    this.closed_ = true
    for (const task of this.waiting_.splice(0)) {
      this.settle_(task.id, new Error("the PDF render pool was closed"))
    }
    await Promise.all(this.slots_.splice(0).map((s) => s.worker.terminate().catch(() => undefined)))
  }

  protected pump_(): void {
    while (this.waiting_.length) {
      let slot = this.slots_.find((s) => s.busy === null)
      if (!slot && this.slots_.length < this.size) {
        slot = this.spawn_()
      }
      if (!slot) {
        return
      }
      const task = this.waiting_.shift() as Task
      if (slot.idle) {
        clearTimeout(slot.idle)
        slot.idle = null
      }
      slot.busy = task.id
      slot.worker.postMessage(task)
    }
  }

  protected spawn_(): Slot {
    // A larger young generation than a worker's default: a render allocates
    // short-lived layout nodes in the megabytes, and scavenges were about a
    // tenth of its CPU time (decision 136).
    const worker = new Worker(WORKER_FILE, { workerData: { nice: this.nice_ }, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } })
    worker.unref()
    const slot: Slot = { worker, busy: null, idle: null }
    worker.on("message", (msg: { id: number; ok: boolean; pdf?: ArrayBuffer; error?: { name: string; message: string } }) => {
      slot.busy = null
      if (msg.ok && msg.pdf) {
        this.settle_(msg.id, null, Buffer.from(msg.pdf))
      } else {
        const e = new Error(msg.error?.message ?? "rendering failed")
        e.name = msg.error?.name ?? "Error"
        this.settle_(msg.id, e)
      }
      this.pump_()
      if (slot.busy === null) {
        this.endWhenIdle_(slot)
      }
    })
    const gone = (e: Error) => {
      const i = this.slots_.indexOf(slot)
      if (i >= 0) {
        this.slots_.splice(i, 1)
      }
      if (slot.idle) {
        clearTimeout(slot.idle)
        slot.idle = null
      }
      if (slot.busy !== null) {
        this.settle_(slot.busy, e)
      }
      if (!this.closed_) {
        this.pump_()
      }
    }
    worker.on("error", gone)
    worker.on("exit", (code) => gone(new Error(`PDF render thread exited (${code})`)))
    this.slots_.push(slot)
    return slot
  }

  /** Ends a free thread after IDLE_MS without work; out of the pool first, so no task goes to it meanwhile. */
  protected endWhenIdle_(slot: Slot): void {
    slot.idle = setTimeout(() => {
      slot.idle = null
      const i = this.slots_.indexOf(slot)
      if (slot.busy === null && i >= 0) {
        this.slots_.splice(i, 1)
        void slot.worker.terminate()
      }
    }, this.idle_ms_)
    slot.idle.unref()
  }

  protected timedOut_(id: number): void {
    const slot = this.slots_.find((s) => s.busy === id)
    const waiting = this.waiting_.findIndex((t) => t.id === id)
    if (waiting >= 0) {
      this.waiting_.splice(waiting, 1)
    }
    this.settle_(id, new Error(`rendering took longer than ${RENDER_TIMEOUT_MS} ms`))
    if (slot) {
      // Out of the pool first, so no task goes to the thread being ended.
      this.slots_.splice(this.slots_.indexOf(slot), 1)
      slot.busy = null
      void slot.worker.terminate()
      this.pump_()
    }
  }

  protected settle_(id: number, error: Error | null, pdf?: Buffer): void {
    const p = this.pending_.get(id)
    if (!p) {
      return
    }
    this.pending_.delete(id)
    clearTimeout(p.timer)
    if (error) {
      p.reject(error)
    } else {
      p.resolve(pdf as Buffer)
    }
  }
}
