/**
 * The text of jobs' own mail kinds in German, English and Portuguese (plain TS
 * functions from typed data to plain strings; the layout escapes them), and the
 * rendering of every kind: the other plugins' kinds are registered by their owners.
 */
import type { ParsedMailData } from "../schemas"
import { mailSchemas } from "../schemas"
import type { BrandingDTO, Locale, MailKind } from "../types"
import type { MailContent, RenderedMail } from "./layout"
import { renderLayout } from "./layout"
import { registeredMailKind } from "../registry"
import type { MailTemplateContext } from "../registry"
import { formatDate, formatDateTime, formatMoney } from "../utils/format"

type Ctx = { locale: Locale; sender: string }
type Template<K extends MailKind> = (d: ParsedMailData[K], c: Ctx) => MailContent
type Templates = { [K in MailKind]: Record<Locale, Template<K>> }

const hello = (name: string | null | undefined, l: Locale): string =>
  ({
    de: name ? `Hallo ${name},` : "Guten Tag,",
    en: name ? `Hello ${name},` : "Hello,",
    pt: name ? `Olá ${name},` : "Olá,",
  })[l]

const bye = (c: Ctx): string =>
  ({ de: `Viele Grüße\n${c.sender}`, en: `Kind regards\n${c.sender}`, pt: `Com os melhores cumprimentos\n${c.sender}` })[c.locale]

const base = (d: { customer_name?: string | null }, c: Ctx) => ({ greeting: hello(d.customer_name, c.locale), closing: bye(c) })

/** The footer link of a marketing mail. */
const optOut = (d: { unsubscribe_url?: string | null }, c: Ctx) =>
  d.unsubscribe_url
    ? {
        unsubscribe: {
          label: { de: "Keine solchen E-Mails mehr erhalten", en: "Unsubscribe from these e-mails", pt: "Deixar de receber estes e-mails" }[c.locale],
          url: d.unsubscribe_url,
        },
      }
    : {}

export const templates: Templates = {
  booking_confirmation: {
    de: (d, c) => ({
      ...base(d, c),
      subject: `Reservierungsbestätigung ${d.reference}`,
      paragraphs: [`vielen Dank für Ihre Reservierung bei ${d.location_name}. Wir freuen uns auf Sie!`],
      details: [["Wann", formatDateTime(d.starts_at, d.time_zone, "de")], ["Personen", String(d.party_size)], ["Reservierung", d.reference]],
      action: d.cancel_url ? { label: "Reservierung stornieren", url: d.cancel_url } : undefined,
    }),
    en: (d, c) => ({
      ...base(d, c),
      subject: `Booking confirmation ${d.reference}`,
      paragraphs: [`Thank you for your booking at ${d.location_name}. We look forward to seeing you!`],
      details: [["When", formatDateTime(d.starts_at, d.time_zone, "en")], ["Guests", String(d.party_size)], ["Booking", d.reference]],
      action: d.cancel_url ? { label: "Cancel booking", url: d.cancel_url } : undefined,
    }),
    pt: (d, c) => ({
      ...base(d, c),
      subject: `Confirmação de reserva ${d.reference}`,
      paragraphs: [`Obrigado pela sua reserva em ${d.location_name}. Aguardamos a sua visita!`],
      details: [["Quando", formatDateTime(d.starts_at, d.time_zone, "pt")], ["Pessoas", String(d.party_size)], ["Reserva", d.reference]],
      action: d.cancel_url ? { label: "Cancelar reserva", url: d.cancel_url } : undefined,
    }),
  },
  generic: {
    de: (d, c) => ({ ...base(d, c), subject: d.subject, paragraphs: d.body.split(/\n{2,}/) }),
    en: (d, c) => ({ ...base(d, c), subject: d.subject, paragraphs: d.body.split(/\n{2,}/) }),
    pt: (d, c) => ({ ...base(d, c), subject: d.subject, paragraphs: d.body.split(/\n{2,}/) }),
  },
}

/**
 * Renders one mail: validates `data` for the kind, picks the locale (the
 * customer's, else the merchant's default) and applies the merchant's layout.
 * Throws a ZodError for data that does not fit the kind.
 */
export function renderMail(kind: MailKind | (string & {}), data: unknown, locale: Locale | null | undefined, branding: BrandingDTO): RenderedMail {
  const l = locale ?? branding.default_locale
  const registered = registeredMailKind(kind)
  if (registered) {
    return renderLayout(registered.templates[l](registered.schema.parse(data), mailContext(l, branding.sender_name)), branding)
  }
  if (!(kind in templates)) {
    throw new Error(`unknown mail kind ${kind}`)
  }
  const parsed = mailSchemas[kind as MailKind].parse(data)
  const template = templates[kind as MailKind][l] as Template<MailKind>
  return renderLayout(template(parsed as never, { locale: l, sender: branding.sender_name }), branding)
}

/** What a registered template receives: its language, the sender and formatting in that language. */
export function mailContext(locale: Locale, sender: string): MailTemplateContext {
  return {
    locale,
    sender,
    money: (amount_minor, currency) => formatMoney(amount_minor, currency, locale),
    date: (day) => formatDate(day, locale),
    dateTime: (instant, timeZone) => formatDateTime(typeof instant === "string" ? instant : instant.toISOString(), timeZone, locale),
  }
}

/** Greeting and closing in the house style, for registered templates (`{ ...mailText.base(name, c) }`). */
export const mailText = {
  hello,
  bye: (sender: string, locale: Locale) => bye({ locale, sender }),
  base: (name: string | null | undefined, c: { locale: Locale; sender: string }) => ({ greeting: hello(name, c.locale), closing: bye(c) }),
  /** The footer link of a marketing mail (`{ ...mailText.optOut(d, c) }`): nothing without a link. */
  optOut: (d: { unsubscribe_url?: string | null }, c: { locale: Locale }) => optOut(d, { locale: c.locale, sender: "" }),
}
