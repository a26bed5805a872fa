/**
 * Input shapes of mails and documents, as zod schemas and the TypeScript types
 * other plugins (debtor, gift-card, loyalty, reservation) build their data with.
 * Amounts are integer minor units with an ISO currency code; dates are ISO strings.
 */
import { z } from "zod"

import { registeredDocumentKind, registeredMailKind } from "./registry"
import { DOCUMENT_KINDS, LOCALES, MAIL_KINDS } from "./types"

const text = (max: number) => z.string().trim().min(1, "must not be empty").max(max)
const optText = (max: number) => z.string().trim().max(max).nullish()
const minor = z.number().int("must be an integer number of minor units").min(-Number.MAX_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER)
const currency = z.string().regex(/^[A-Za-z]{3}$/, "must be a three-letter ISO 4217 code").transform((c) => c.toUpperCase())
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}/, "must be an ISO date (YYYY-MM-DD)")
  .refine((s) => !Number.isNaN(Date.parse(s)), "is not a valid date")
const url = z.string().url().max(2000).refine((u) => /^https?:\/\//.test(u), "must be an http(s) URL")
const name = optText(200)

export const localeSchema = z.enum(LOCALES)
const isBuiltInMailKind = (k: string): k is (typeof MAIL_KINDS)[number] => (MAIL_KINDS as readonly string[]).includes(k)
const isBuiltInDocumentKind = (k: string): k is (typeof DOCUMENT_KINDS)[number] => (DOCUMENT_KINDS as readonly string[]).includes(k)
/** jobs' own kinds and every kind a plugin registered. */
export const mailKindSchema = z.string().refine((k) => isBuiltInMailKind(k) || !!registeredMailKind(k), "is not a known mail kind")
export const documentKindSchema = z.string().refine((k) => isBuiltInDocumentKind(k) || !!registeredDocumentKind(k), "is not a known document kind")

/** The schema of a mail kind's data (jobs' own or registered); undefined for an unknown kind. */
export function mailDataSchemaOf(kind: string): z.ZodTypeAny | undefined {
  return isBuiltInMailKind(kind) ? mailSchemas[kind] : registeredMailKind(kind)?.schema
}

/** The schema of a document kind's data (jobs' own or registered); undefined for an unknown kind. */
export function documentDataSchemaOf(kind: string): z.ZodTypeAny | undefined {
  return isBuiltInDocumentKind(kind) ? documentSchemas[kind] : registeredDocumentKind(kind)?.def.schema
}

/** A postal party on a document. */
export const partySchema = z
  .object({ name: text(200), address_lines: z.array(text(200)).max(6).default([]), vat_id: optText(40), customer_number: optText(60) })
  .strict()

// ---------- documents ----------

export const bookingConfirmationDocumentSchema = z
  .object({
    reference: text(60),
    customer_name: text(200),
    starts_at: z.string().datetime({ offset: true }),
    /** IANA zone the time is shown in. */
    time_zone: text(60),
    party_size: z.number().int().positive().max(1000),
    location_name: text(200),
    location_address: z.array(text(200)).max(6).default([]),
    table: optText(60),
    notes: optText(1000),
    cancel_url: url.nullish(),
    locale: localeSchema.nullish(),
  })
  .strict()

/** jobs' own document kinds; the others are registered by their owners (debtor, gift-card, loyalty …). */
export const documentSchemas = {
  booking_confirmation: bookingConfirmationDocumentSchema,
} as const

export type BookingConfirmationDocumentData = z.input<typeof bookingConfirmationDocumentSchema>
export type DocumentDataByKind = { [K in keyof typeof documentSchemas]: z.input<(typeof documentSchemas)[K]> }
export type ParsedDocumentData = { [K in keyof typeof documentSchemas]: z.output<(typeof documentSchemas)[K]> }

// ---------- mails ----------

const greeting = { customer_name: name }

/** jobs' own mail kinds; the others are registered by their owners. */
export const mailSchemas = {
  booking_confirmation: z
    .object({
      ...greeting,
      reference: text(60),
      starts_at: z.string().datetime({ offset: true }),
      time_zone: text(60),
      party_size: z.number().int().positive().max(1000),
      location_name: text(200),
      cancel_url: url.nullish(),
    })
    .strict(),
  generic: z.object({ ...greeting, subject: text(200), body: text(20_000) }).strict(),
} as const

export type MailDataByKind = { [K in keyof typeof mailSchemas]: z.input<(typeof mailSchemas)[K]> }
export type ParsedMailData = { [K in keyof typeof mailSchemas]: z.output<(typeof mailSchemas)[K]> }

/** A document to render and attach (stored under its key too), or one already stored. */
export const attachmentSchema = z.union([
  z
    .object({
      document: z.object({ kind: documentKindSchema, key: text(200), data: z.record(z.unknown()), filename: optText(120) }).strict(),
    })
    .strict(),
  z.object({ document_id: text(64), filename: optText(120) }).strict(),
  /** A small text file made by the caller (a calendar entry `.ics`), sent as is. */
  z
    .object({
      file: z
        .object({
          filename: text(120),
          content_type: z.string().regex(/^[a-z]+\/[a-z0-9.+-]+(; ?[a-z-]+=[a-zA-Z0-9-]+)*$/, "must be a MIME type").max(100),
          content: z.string().min(1).max(100_000),
        })
        .strict(),
    })
    .strict(),
])
export type MailAttachment =
  | { document: { [K in keyof DocumentDataByKind]: { kind: K; key: string; data: DocumentDataByKind[K]; filename?: string | null } }[keyof DocumentDataByKind] }
  /** A kind a plugin registered: `data` is checked against its schema at enqueue. */
  | { document: { kind: string; key: string; data: Record<string, unknown>; filename?: string | null } }
  | { document_id: string; filename?: string | null }
  /** A small text file made by the caller (a calendar entry `.ics`), sent as is. */
  | { file: { filename: string; content_type: string; content: string } }

const email = z.string().trim().email("must be an e-mail address").max(254)

export const enqueueMailSchema = z
  .object({
    key: text(200),
    kind: mailKindSchema,
    to: email,
    locale: localeSchema.nullish(),
    data: z.record(z.unknown()),
    attachments: z.array(attachmentSchema).max(5).default([]),
  })
  .strict()

/** What `mailService.enqueue` takes; `data` is typed by `kind` for jobs' own kinds, checked against the registered schema for the others. */
export type EnqueueMailInput =
  | {
      [K in keyof MailDataByKind]: {
        /** The business key (`invoice:inv_123:sent`): a second enqueue with it is the same mail. */
        key: string
        kind: K
        to: string
        locale?: (typeof LOCALES)[number] | null
        data: MailDataByKind[K]
        attachments?: MailAttachment[]
      }
    }[keyof MailDataByKind]
  | { key: string; kind: string; to: string; locale?: (typeof LOCALES)[number] | null; data: Record<string, unknown>; attachments?: MailAttachment[] }

export const enqueueDocumentSchema = z.object({ key: text(200), kind: documentKindSchema, data: z.record(z.unknown()) }).strict()

export type EnqueueDocumentInput =
  | {
      [K in keyof DocumentDataByKind]: { key: string; kind: K; data: DocumentDataByKind[K] }
    }[keyof DocumentDataByKind]
  | { key: string; kind: string; data: Record<string, unknown> }

// ---------- branding ----------

const color = z.string().regex(/^#[0-9a-fA-F]{6}$/, "must be a colour like #1f2937")
const logo = z
  .string()
  .max(700_000, "is too large (at most about 500 KB)")
  .refine(
    (s) => /^https:\/\/\S+$/.test(s) || /^data:image\/(png|jpeg);base64,[A-Za-z0-9+/=]+$/.test(s),
    "must be an https URL or a data:image/png or data:image/jpeg base64 URI"
  )

export function isValidIban(raw: string): boolean {
  const iban = raw.replace(/\s+/g, "").toUpperCase()
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(iban)) {
    return false
  }
  const rearranged = iban.slice(4) + iban.slice(0, 4)
  let remainder = 0
  for (const ch of rearranged) {
    const digits = /\d/.test(ch) ? ch : String(ch.charCodeAt(0) - 55)
    for (const d of digits) {
      remainder = (remainder * 10 + Number(d)) % 97
    }
  }
  return remainder === 1
}

export const updateBrandingSchema = z
  .object({
    sender_name: text(120),
    logo: logo.nullable(),
    primary_color: color,
    secondary_color: color,
    footer_text: optText(1000),
    default_locale: localeSchema,
    company_address: z.array(text(200)).max(6),
    vat_id: z.string().trim().regex(/^[A-Z]{2}[A-Za-z0-9+*.]{2,13}$/, "must be a VAT id like DE123456789").nullable(),
    tax_number: optText(40),
    bank_name: optText(120),
    iban: z
      .string()
      .trim()
      .refine(isValidIban, "is not a valid IBAN")
      .transform((s) => s.replace(/\s+/g, "").toUpperCase())
      .nullable(),
    bic: z.string().trim().regex(/^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/, "must be an 8 or 11 character BIC").nullable(),
    reply_to: email.nullable(),
  })
  .partial()
  .strict()
export type UpdateBrandingInput = z.input<typeof updateBrandingSchema>

/**
 * The building blocks of every kind's data schema, for the plugins that
 * register kinds (`schemaParts.minor`, `schemaParts.party` …): one wording of
 * the messages, one currency rule.
 */
export const schemaParts = { text, optText, minor, currency, isoDate, url, name, email, locale: localeSchema, party: partySchema }
