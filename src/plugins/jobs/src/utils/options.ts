import os from "os"
import path from "path"

import type { JobsPluginOptions } from "../types"

export type ResolvedJobsOptions = {
  redisUrl: string | undefined
  namespace: string
  smtpUrl: string | undefined
  mailFrom: string
  dataDir: string
  mailAttempts: number
  documentAttempts: number
  backoff_ms: number
  /** Mails sent at once by one worker process (MAIL_CONCURRENCY, 1–64, default 16). */
  mailConcurrency: number
  /** PDF render threads (PDF_WORKERS; default one per core; 0: render on the main thread). */
  pdfWorkers: number
}

/** Plugin options first, then the environment (SMTP_URL, MAIL_FROM, DATA_DIR, JOBS_BACKOFF_MS, MAIL_CONCURRENCY, PDF_WORKERS), then defaults. */
export function resolveOptions(options: JobsPluginOptions | undefined, env: NodeJS.ProcessEnv = process.env): ResolvedJobsOptions {
  const o = options ?? {}
  const backoff = Number(o.backoff_ms ?? env.JOBS_BACKOFF_MS ?? 5_000)
  return {
    redisUrl: o.redisUrl || undefined,
    namespace: o.redisNamespace || "cm",
    smtpUrl: o.smtpUrl || env.SMTP_URL || undefined,
    mailFrom: o.mailFrom || env.MAIL_FROM || "Customer Modules <no-reply@localhost>",
    dataDir: path.resolve(o.dataDir || env.DATA_DIR || ".data"),
    mailAttempts: Math.max(1, Math.min(25, o.mailAttempts ?? 12)),
    documentAttempts: 5,
    backoff_ms: Number.isFinite(backoff) && backoff >= 10 ? backoff : 5_000,
    pdfWorkers: defaultPdfWorkers(env),
    mailConcurrency: intIn(env.MAIL_CONCURRENCY, 1, 64) ?? 16,
  }
}

function intIn(raw: string | undefined, min: number, max: number): number | undefined {
  const n = raw === undefined || raw === "" ? NaN : Number(raw)
  return Number.isInteger(n) && n >= min && n <= max ? n : undefined
}

/** PDF render threads: PDF_WORKERS (0–64), else one per core (they run at a lower priority than the API). */
export function defaultPdfWorkers(env: NodeJS.ProcessEnv = process.env): number {
  return intIn(env.PDF_WORKERS, 0, 64) ?? Math.max(1, os.availableParallelism())
}
