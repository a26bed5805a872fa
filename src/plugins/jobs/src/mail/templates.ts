/**
 * The text of every mail kind in German, English and Portuguese: plain TS
 * functions from typed data to plain strings; the layout escapes them.
 */
import type { ParsedMailData } from "../schemas"
import { mailSchemas } from "../schemas"
import type { BrandingDTO, Locale, MailKind } from "../types"
import type { MailContent, RenderedMail } from "./layout"
import { renderLayout } from "./layout"
import { registeredMailKind } from "../registry"
import type { MailTemplateContext } from "../registry"
import { formatDate, formatDateTime, formatMoney, formatNumber } from "../utils/format"

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
  invoice: {
    de: (d, c) => ({
      ...base(d, c),
      subject: `Ihre Rechnung ${d.invoice_number} von ${c.sender}`,
      paragraphs: ["vielen Dank für Ihren Einkauf. Im Anhang finden Sie Ihre Rechnung als PDF."],
      details: [
        ["Rechnungsnummer", d.invoice_number],
        ["Betrag", formatMoney(d.total_minor, d.currency_code, "de")],
        ...(d.due_date ? ([["Fällig am", formatDate(d.due_date, "de")]] as [string, string][]) : []),
      ],
    }),
    en: (d, c) => ({
      ...base(d, c),
      subject: `Your invoice ${d.invoice_number} from ${c.sender}`,
      paragraphs: ["Thank you for your purchase. Please find your invoice attached as a PDF."],
      details: [
        ["Invoice number", d.invoice_number],
        ["Amount", formatMoney(d.total_minor, d.currency_code, "en")],
        ...(d.due_date ? ([["Due date", formatDate(d.due_date, "en")]] as [string, string][]) : []),
      ],
    }),
    pt: (d, c) => ({
      ...base(d, c),
      subject: `A sua fatura ${d.invoice_number} de ${c.sender}`,
      paragraphs: ["Obrigado pela sua compra. Em anexo encontra a sua fatura em PDF."],
      details: [
        ["Número da fatura", d.invoice_number],
        ["Valor", formatMoney(d.total_minor, d.currency_code, "pt")],
        ...(d.due_date ? ([["Data de vencimento", formatDate(d.due_date, "pt")]] as [string, string][]) : []),
      ],
    }),
  },
  invoice_reminder: {
    de: (d, c) => ({
      ...base(d, c),
      subject: `Zahlungserinnerung zur Rechnung ${d.invoice_number}`,
      paragraphs: [
        `sicher ist es Ihrer Aufmerksamkeit entgangen: Die Rechnung ${d.invoice_number} war am ${formatDate(d.due_date, "de")} fällig und ist noch offen.`,
        "Bitte überweisen Sie den offenen Betrag in den nächsten Tagen. Hat sich Ihre Zahlung mit dieser Nachricht überschnitten, betrachten Sie sie bitte als gegenstandslos.",
      ],
      details: [["Offener Betrag", formatMoney(d.open_minor, d.currency_code, "de")]],
    }),
    en: (d, c) => ({
      ...base(d, c),
      subject: `Payment reminder for invoice ${d.invoice_number}`,
      paragraphs: [
        `Invoice ${d.invoice_number} was due on ${formatDate(d.due_date, "en")} and is still open.`,
        "Please transfer the open amount within the next few days. If your payment has crossed with this message, please disregard it.",
      ],
      details: [["Amount due", formatMoney(d.open_minor, d.currency_code, "en")]],
    }),
    pt: (d, c) => ({
      ...base(d, c),
      subject: `Lembrete de pagamento da fatura ${d.invoice_number}`,
      paragraphs: [
        `A fatura ${d.invoice_number} venceu a ${formatDate(d.due_date, "pt")} e ainda está em aberto.`,
        "Por favor, transfira o valor em dívida nos próximos dias. Se o seu pagamento se cruzou com esta mensagem, ignore-a.",
      ],
      details: [["Valor em aberto", formatMoney(d.open_minor, d.currency_code, "pt")]],
    }),
  },
  credit_note: {
    de: (d, c) => ({
      ...base(d, c),
      subject: `Ihre Gutschrift ${d.credit_note_number}`,
      paragraphs: [`im Anhang finden Sie die Gutschrift ${d.credit_note_number}${d.invoice_number ? ` zur Rechnung ${d.invoice_number}` : ""}.`],
      details: [["Betrag", formatMoney(d.total_minor, d.currency_code, "de")]],
    }),
    en: (d, c) => ({
      ...base(d, c),
      subject: `Your credit note ${d.credit_note_number}`,
      paragraphs: [`Please find attached credit note ${d.credit_note_number}${d.invoice_number ? ` for invoice ${d.invoice_number}` : ""}.`],
      details: [["Amount", formatMoney(d.total_minor, d.currency_code, "en")]],
    }),
    pt: (d, c) => ({
      ...base(d, c),
      subject: `A sua nota de crédito ${d.credit_note_number}`,
      paragraphs: [`Em anexo encontra a nota de crédito ${d.credit_note_number}${d.invoice_number ? ` relativa à fatura ${d.invoice_number}` : ""}.`],
      details: [["Valor", formatMoney(d.total_minor, d.currency_code, "pt")]],
    }),
  },
  statement: {
    de: (d, c) => ({
      ...base(d, c),
      subject: `Ihr Kontoauszug zum ${formatDate(d.as_of, "de")}`,
      paragraphs: [`im Anhang finden Sie die Übersicht Ihrer offenen Posten zum ${formatDate(d.as_of, "de")}.`],
      details: [["Offene Posten", String(d.open_items)], ["Summe offen", formatMoney(d.open_total_minor, d.currency_code, "de")]],
    }),
    en: (d, c) => ({
      ...base(d, c),
      subject: `Your statement as of ${formatDate(d.as_of, "en")}`,
      paragraphs: [`Please find attached your open items as of ${formatDate(d.as_of, "en")}.`],
      details: [["Open items", String(d.open_items)], ["Total open", formatMoney(d.open_total_minor, d.currency_code, "en")]],
    }),
    pt: (d, c) => ({
      ...base(d, c),
      subject: `O seu extrato em ${formatDate(d.as_of, "pt")}`,
      paragraphs: [`Em anexo encontra os seus itens em aberto em ${formatDate(d.as_of, "pt")}.`],
      details: [["Itens em aberto", String(d.open_items)], ["Total em aberto", formatMoney(d.open_total_minor, d.currency_code, "pt")]],
    }),
  },
  account_statement: {
    de: (d, c) => ({
      ...base(d, c),
      subject: `Ihr Kundenkonto: Stand ${formatDate(d.as_of, "de")}`,
      paragraphs: [d.balance_minor < 0 ? "Ihr Kundenkonto weist einen offenen Betrag aus." : "Hier ist der aktuelle Stand Ihres Kundenkontos."],
      details: [["Saldo", formatMoney(d.balance_minor, d.currency_code, "de")]],
    }),
    en: (d, c) => ({
      ...base(d, c),
      subject: `Your customer account as of ${formatDate(d.as_of, "en")}`,
      paragraphs: [d.balance_minor < 0 ? "Your customer account shows an amount due." : "Here is the current balance of your customer account."],
      details: [["Balance", formatMoney(d.balance_minor, d.currency_code, "en")]],
    }),
    pt: (d, c) => ({
      ...base(d, c),
      subject: `A sua conta de cliente em ${formatDate(d.as_of, "pt")}`,
      paragraphs: [d.balance_minor < 0 ? "A sua conta de cliente apresenta um valor em dívida." : "Eis o saldo atual da sua conta de cliente."],
      details: [["Saldo", formatMoney(d.balance_minor, d.currency_code, "pt")]],
    }),
  },
  voucher: {
    de: (d, c) => ({
      ...base(d, c),
      subject: `Ihr Gutschein von ${c.sender}`,
      paragraphs: [
        d.from_name ? `${d.from_name} schenkt Ihnen einen Gutschein über ${formatMoney(d.amount_minor, d.currency_code, "de")}.` : `hier ist Ihr Gutschein über ${formatMoney(d.amount_minor, d.currency_code, "de")}.`,
        ...(d.message ? [d.message] : []),
        "Den Gutschein als PDF finden Sie im Anhang. Zeigen Sie einfach den Code oder den QR-Code an der Kasse vor.",
      ],
      highlight: d.code,
      details: d.valid_until ? [["Gültig bis", formatDate(d.valid_until, "de")]] : [],
    }),
    en: (d, c) => ({
      ...base(d, c),
      subject: `Your gift voucher from ${c.sender}`,
      paragraphs: [
        d.from_name ? `${d.from_name} is giving you a voucher worth ${formatMoney(d.amount_minor, d.currency_code, "en")}.` : `Here is your voucher worth ${formatMoney(d.amount_minor, d.currency_code, "en")}.`,
        ...(d.message ? [d.message] : []),
        "The voucher is attached as a PDF. Just show the code or the QR code at the till.",
      ],
      highlight: d.code,
      details: d.valid_until ? [["Valid until", formatDate(d.valid_until, "en")]] : [],
    }),
    pt: (d, c) => ({
      ...base(d, c),
      subject: `O seu vale de oferta de ${c.sender}`,
      paragraphs: [
        d.from_name ? `${d.from_name} oferece-lhe um vale no valor de ${formatMoney(d.amount_minor, d.currency_code, "pt")}.` : `Aqui está o seu vale no valor de ${formatMoney(d.amount_minor, d.currency_code, "pt")}.`,
        ...(d.message ? [d.message] : []),
        "O vale segue em anexo em PDF. Basta apresentar o código ou o código QR na caixa.",
      ],
      highlight: d.code,
      details: d.valid_until ? [["Válido até", formatDate(d.valid_until, "pt")]] : [],
    }),
  },
  prepaid_receipt: {
    de: (d, c) => ({
      ...base(d, c),
      subject: `Aufladung Ihrer Karte ${d.card_label}`,
      paragraphs: [`Ihre Karte ${d.card_label} wurde${d.location_name ? ` in ${d.location_name}` : ""} aufgeladen.`],
      details: [["Aufgeladen", formatMoney(d.amount_minor, d.currency_code, "de")], ["Neues Guthaben", formatMoney(d.balance_minor, d.currency_code, "de")]],
    }),
    en: (d, c) => ({
      ...base(d, c),
      subject: `Top-up of your card ${d.card_label}`,
      paragraphs: [`Your card ${d.card_label} was topped up${d.location_name ? ` at ${d.location_name}` : ""}.`],
      details: [["Topped up", formatMoney(d.amount_minor, d.currency_code, "en")], ["New balance", formatMoney(d.balance_minor, d.currency_code, "en")]],
    }),
    pt: (d, c) => ({
      ...base(d, c),
      subject: `Carregamento do seu cartão ${d.card_label}`,
      paragraphs: [`O seu cartão ${d.card_label} foi carregado${d.location_name ? ` em ${d.location_name}` : ""}.`],
      details: [["Carregado", formatMoney(d.amount_minor, d.currency_code, "pt")], ["Novo saldo", formatMoney(d.balance_minor, d.currency_code, "pt")]],
    }),
  },
  birthday: {
    de: (d, c) => ({
      ...base(d, c),
      ...optOut(d, c),
      subject: `Alles Gute zum Geburtstag von ${c.sender}!`,
      paragraphs: [d.message ?? "wir wünschen Ihnen alles Gute zum Geburtstag und freuen uns auf Ihren nächsten Besuch.", ...(d.reward ? [`Unser Geschenk für Sie: ${d.reward}`] : [])],
    }),
    en: (d, c) => ({
      ...base(d, c),
      ...optOut(d, c),
      subject: `Happy birthday from ${c.sender}!`,
      paragraphs: [d.message ?? "We wish you a very happy birthday and look forward to your next visit.", ...(d.reward ? [`Our gift to you: ${d.reward}`] : [])],
    }),
    pt: (d, c) => ({
      ...base(d, c),
      ...optOut(d, c),
      subject: `Feliz aniversário da parte de ${c.sender}!`,
      paragraphs: [d.message ?? "Desejamos-lhe um feliz aniversário e esperamos vê-lo em breve.", ...(d.reward ? [`A nossa oferta para si: ${d.reward}`] : [])],
    }),
  },
  points_expiry: {
    de: (d, c) => ({
      ...base(d, c),
      subject: `Ihre Bonuspunkte verfallen am ${formatDate(d.expires_at, "de")}`,
      paragraphs: [`${formatNumber(d.points, "de")} Ihrer Bonuspunkte verfallen am ${formatDate(d.expires_at, "de")}. Lösen Sie sie vorher bei Ihrem nächsten Besuch ein.`],
    }),
    en: (d, c) => ({
      ...base(d, c),
      subject: `Your bonus points expire on ${formatDate(d.expires_at, "en")}`,
      paragraphs: [`${formatNumber(d.points, "en")} of your bonus points expire on ${formatDate(d.expires_at, "en")}. Redeem them on your next visit before then.`],
    }),
    pt: (d, c) => ({
      ...base(d, c),
      subject: `Os seus pontos expiram a ${formatDate(d.expires_at, "pt")}`,
      paragraphs: [`${formatNumber(d.points, "pt")} dos seus pontos expiram a ${formatDate(d.expires_at, "pt")}. Utilize-os antes disso na sua próxima visita.`],
    }),
  },
  reactivation: {
    de: (d, c) => ({
      ...base(d, c),
      ...optOut(d, c),
      subject: `Wir vermissen Sie bei ${c.sender}`,
      paragraphs: [
        d.message ?? "wir haben Sie schon eine Weile nicht gesehen und würden uns über Ihren Besuch freuen.",
        ...(d.offer ? [`Als kleines Dankeschön: ${d.offer}${d.offer_valid_until ? ` (gültig bis ${formatDate(d.offer_valid_until, "de")})` : ""}`] : []),
      ],
    }),
    en: (d, c) => ({
      ...base(d, c),
      ...optOut(d, c),
      subject: `We miss you at ${c.sender}`,
      paragraphs: [
        d.message ?? "We haven't seen you for a while and would be delighted to welcome you again.",
        ...(d.offer ? [`As a small thank-you: ${d.offer}${d.offer_valid_until ? ` (valid until ${formatDate(d.offer_valid_until, "en")})` : ""}`] : []),
      ],
    }),
    pt: (d, c) => ({
      ...base(d, c),
      ...optOut(d, c),
      subject: `Temos saudades suas na ${c.sender}`,
      paragraphs: [
        d.message ?? "Há algum tempo que não o vemos e teríamos todo o gosto em recebê-lo novamente.",
        ...(d.offer ? [`Como pequeno agradecimento: ${d.offer}${d.offer_valid_until ? ` (válido até ${formatDate(d.offer_valid_until, "pt")})` : ""}`] : []),
      ],
    }),
  },
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
}
