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
}

/** Plugin options first, then the environment (SMTP_URL, MAIL_FROM, DATA_DIR, JOBS_BACKOFF_MS), then defaults. */
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
  }
}
