/**
 * Mail and document kinds that plugins register from their own folder (see
 * decision 73). jobs renders and sends them like its own kinds; nothing in
 * jobs names a kind of another plugin.
 *
 * - `defineMailKind({ kind, plugin, schema, sample, templates: { de, en, pt } })` in the
 *   owner's `mail/<kind>.ts`, `registerMailKind(def)` from the owner's loader.
 * - `defineDocumentKind({ kind, plugin, schema, sample, element })` as the default export of
 *   the owner's `documents/<kind>.tsx`, `registerDocumentKind(require.resolve(…))` from the
 *   owner's loader: by path, so that the PDF worker threads load the same module.
 */
import type { DocumentProps } from "@react-pdf/renderer"
import type { ReactElement } from "react"
import type { z } from "zod"

import type { MailContent } from "./mail/layout"
import type { DocumentBranding } from "./pdf/frame"
import type { Locale } from "./types"

/** What a mail template receives besides its data. */
export type MailTemplateContext = {
  locale: Locale
  /** The merchant's sender name. */
  sender: string
  /** Minor units → "12,50 €" in the mail's language. */
  money(amount_minor: number, currency: string): string
  /** A calendar day (`YYYY-MM-DD`) in the mail's language. */
  date(day: string): string
  /** An instant in the given IANA zone, in the mail's language. */
  dateTime(instant: string | Date, timeZone: string): string
}

export type MailTemplate<T> = (data: T, c: MailTemplateContext) => MailContent

export type MailKindDefinition<S extends z.ZodTypeAny = z.ZodTypeAny> = {
  /** Unique over all plugins, snake_case, starting with the owner's name (`reservation_confirmation`). */
  kind: string
  /** The owning plugin (`reservation`): the admin lists kinds by it. */
  plugin: string
  /** The mail's data; enqueue refuses data that does not parse (400). */
  schema: S
  /** Data for the admin's preview; must parse. */
  sample: z.input<S>
  templates: Record<Locale, MailTemplate<z.output<S>>>
}

/** What a document component receives besides its data. */
export type DocumentRenderContext = {
  /** The merchant's design, the logo resolved to a data URI (or null). */
  branding: DocumentBranding
  locale: Locale
  /** A QR code of `payload` as a PNG data URI. */
  qr(payload: string): Promise<string>
  /** An image (data URI or http(s) URL, fetched with a timeout and cached) as a data URI; null when it cannot be had. */
  image(src: string | null | undefined): Promise<string | null>
}

export type DocumentKindDefinition<S extends z.ZodTypeAny = z.ZodTypeAny> = {
  kind: string
  plugin: string
  schema: S
  sample: z.input<S>
  /** The react-pdf document (one `<Document>`; use `FramePage` for the merchant's frame). */
  element(data: z.output<S>, c: DocumentRenderContext): ReactElement<DocumentProps> | Promise<ReactElement<DocumentProps>>
}

const KIND = /^[a-z][a-z0-9_]{1,59}$/

const mailKinds = new Map<string, MailKindDefinition>()
const documentKinds = new Map<string, { def: DocumentKindDefinition; module: string }>()
/**
 * Reserved kind names with their owner: the kinds that existed before plugins
 * registered their own (stored mails and documents carry these names). Each is
 * now defined and registered in its owner's folder (debtor's `src/mail`, …);
 * the reservation keeps another plugin from taking the name, and the listing
 * shows them with `registered: false` (a reserved kind) even before or without
 * the owner loaded. `booking_confirmation` and `generic` are still jobs' own
 * (see types.ts).
 */
const builtIn = {
  mail: new Map<string, string>([
    ["invoice", "debtor"],
    ["invoice_reminder", "debtor"],
    ["credit_note", "debtor"],
    ["statement", "debtor"],
    ["account_statement", "debtor"],
    ["voucher", "gift-card"],
    ["prepaid_receipt", "prepaid"],
    ["birthday", "loyalty"],
    ["points_expiry", "loyalty"],
    ["reactivation", "loyalty"],
    ["booking_confirmation", "reservation"],
    ["generic", "jobs"],
  ]),
  document: new Map<string, string>([
    ["invoice", "debtor"],
    ["voucher", "gift-card"],
    ["statement", "debtor"],
    ["birthday_letter", "loyalty"],
    ["birthday_letters", "loyalty"],
    ["booking_confirmation", "reservation"],
  ]),
}

/** Typed identity: lets TypeScript infer the templates' data from the schema. */
export function defineMailKind<S extends z.ZodTypeAny>(def: MailKindDefinition<S>): MailKindDefinition<S> {
  return def
}

/** Typed identity for a document module's default export. */
export function defineDocumentKind<S extends z.ZodTypeAny>(def: DocumentKindDefinition<S>): DocumentKindDefinition<S> {
  return def
}

function checkNew(what: "mail" | "document", kind: string, plugin: string, owner: string | undefined): void {
  if (!KIND.test(kind)) {
    throw new Error(`${what} kind ${JSON.stringify(kind)}: use 2 to 60 characters a-z, 0-9 and _ , starting with a letter`)
  }
  const taken = builtIn[what].get(kind) ?? owner
  if (taken && taken !== plugin) {
    throw new Error(`${what} kind ${kind} is already registered by ${taken}`)
  }
}

/** Registers a mail kind (idempotent for the same owner; another owner's kind throws). The sample must parse. */
export function registerMailKind<S extends z.ZodTypeAny>(def: MailKindDefinition<S>): void {
  checkNew("mail", def.kind, def.plugin, mailKinds.get(def.kind)?.plugin)
  def.schema.parse(def.sample)
  mailKinds.set(def.kind, def as unknown as MailKindDefinition)
}

/**
 * Registers the document kind that the module at `modulePath` exports as its
 * default (a `defineDocumentKind`). Loaded by path, so that PDF worker threads
 * load it too. Returns the definition.
 */
export function registerDocumentKind(modulePath: string): DocumentKindDefinition {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = require(modulePath) as { default?: DocumentKindDefinition }
  const def = loaded.default
  if (!def || typeof def.element !== "function" || typeof def.kind !== "string") {
    throw new Error(`${modulePath} does not export a document kind (export default defineDocumentKind({...}))`)
  }
  checkNew("document", def.kind, def.plugin, documentKinds.get(def.kind)?.def.plugin)
  def.schema.parse(def.sample)
  documentKinds.set(def.kind, { def, module: modulePath })
  return def
}

export function registeredMailKind(kind: string): MailKindDefinition | undefined {
  return mailKinds.get(kind)
}

export function registeredDocumentKind(kind: string): { def: DocumentKindDefinition; module: string } | undefined {
  return documentKinds.get(kind)
}

/** `registered`: a kind a plugin added under a new name; false for the reserved kinds (see `builtIn`), wherever their templates live. */
export type KindListing = { kind: string; plugin: string; registered: boolean }

/** Every mail kind and every document kind (each once), by plugin then kind. */
export function listKinds(): { mail_kinds: KindListing[]; document_kinds: KindListing[] } {
  const of = (what: "mail" | "document", registered: Iterable<[string, string]>): KindListing[] =>
    [
      ...[...builtIn[what]].map(([kind, plugin]) => ({ kind, plugin, registered: false })),
      ...[...registered].filter(([kind]) => !builtIn[what].has(kind)).map(([kind, plugin]) => ({ kind, plugin, registered: true })),
    ].sort((a, b) => a.plugin.localeCompare(b.plugin) || a.kind.localeCompare(b.kind))
  return {
    mail_kinds: of("mail", [...mailKinds.values()].map((d) => [d.kind, d.plugin])),
    document_kinds: of("document", [...documentKinds.values()].map((d) => [d.def.kind, d.def.plugin])),
  }
}

