/** Options medusa-config.js passes to the jobs plugin (every plugin gets redisUrl/redisNamespace). */
export type JobsPluginOptions = {
  /** Redis for the BullMQ queues; unset: the same handlers run in-process (with one warning). */
  redisUrl?: string
  /** Prefix of this installation's queue names in a shared Redis. */
  redisNamespace?: string
  /** SMTP connection (`smtp://user:pass@host:587`, `smtps://…`); default: env SMTP_URL; unset: `.eml` files. */
  smtpUrl?: string
  /** Default sender (`"Café Müller" <hallo@example.com>`); default: env MAIL_FROM. */
  mailFrom?: string
  /** Where `.eml` files and rendered documents are kept; default: env DATA_DIR or `.data` under the working directory. */
  dataDir?: string
  /** Attempts per mail before it is listed as failed (default 12, about 5.7 h with the default backoff). */
  mailAttempts?: number
  /** First retry delay, doubled at every attempt (default 5000; env JOBS_BACKOFF_MS). */
  backoff_ms?: number
  enableUI?: boolean
}

export const LOCALES = ["de", "en", "pt"] as const
export type Locale = (typeof LOCALES)[number]

/**
 * jobs' own mail kinds. The kinds of other plugins (invoice, voucher, birthday …)
 * are defined and registered in their owner's folder (see registry.ts).
 */
export const MAIL_KINDS = ["booking_confirmation", "generic"] as const
export type MailKind = (typeof MAIL_KINDS)[number]

/** jobs' own document kinds; the others are registered by their owners. */
export const DOCUMENT_KINDS = ["booking_confirmation"] as const
export type DocumentKind = (typeof DOCUMENT_KINDS)[number]

export type MailStatus = "queued" | "sent" | "failed"
export type DocumentStatus = "queued" | "rendered" | "failed"

/** The merchant's design and company data, applied to every mail and document. */
export type BrandingDTO = {
  sender_name: string
  /** An https URL or a `data:image/png|jpeg;base64,…` URI; null: the sender name is printed instead. */
  logo: string | null
  /** `#rrggbb` */
  primary_color: string
  /** `#rrggbb` */
  secondary_color: string
  footer_text: string | null
  default_locale: Locale
  /** Postal address, one line per entry (street, postcode and city, country). */
  company_address: string[]
  vat_id: string | null
  tax_number: string | null
  bank_name: string | null
  iban: string | null
  bic: string | null
  /** Replies go here when set. */
  reply_to: string | null
  updated_at: Date | null
}

export type MailDTO = {
  id: string
  key: string
  /** jobs' own kind or one a plugin registered. */
  kind: MailKind | (string & {})
  to: string
  locale: Locale | null
  subject: string | null
  status: MailStatus
  attempts: number
  last_error: string | null
  transport: "smtp" | "file" | null
  message_id: string | null
  eml_path: string | null
  sent_at: Date | null
  created_at: Date
  updated_at: Date
}

/** A mail with its rendered content, for the admin's "open a mail". */
export type MailContentDTO = MailDTO & { html: string | null; text: string | null }

export type DocumentDTO = {
  id: string
  key: string
  kind: DocumentKind | (string & {})
  status: DocumentStatus
  file_key: string | null
  /** Where the admin downloads it (`/admin/jobs/documents/:id/download`). */
  url: string
  size_bytes: number | null
  attempts: number
  last_error: string | null
  rendered_at: Date | null
  created_at: Date
}

export type ScheduleDTO = {
  name: string
  cron: string
  next_run_at: Date | null
  last_run_at: Date | null
  last_status: "ok" | "failed" | null
  last_error: string | null
  last_duration_ms: number | null
}

export type FailedJobDTO = {
  /** The job id (from the business key); what `POST /admin/jobs/failed/:id/retry` takes. */
  id: string
  queue: "mail" | "document" | "schedule"
  /** The business key (`invoice:inv_123:sent`) or schedule name. */
  key: string | null
  attempts: number
  failed_reason: string | null
  failed_at: Date | null
}
