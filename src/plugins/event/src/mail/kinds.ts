import { z } from "zod"

import { defineMailKind, mailText } from "@customer-modules/jobs"
import type { MailContent, MailTemplateContext } from "@customer-modules/jobs"

/** What every event mail knows about the registration and its date. */
export const EventMailData = z
  .object({
    name: z.string().min(1).max(200),
    title: z.string().min(1).max(200),
    starts_at: z.string().min(1),
    ends_at: z.string().min(1),
    time_zone: z.string().min(1).max(64),
    venue: z.string().min(1).max(200),
    address: z.string().max(500).nullish(),
    quantity: z.number().int().positive(),
    amount: z.number().int().min(0),
    currency_code: z.string().length(3),
    payment_status: z.enum(["not_required", "unpaid", "paid", "refunded"]),
    cancel_url: z.string().url().nullish(),
    accept_url: z.string().url().nullish(),
    offer_expires_at: z.string().nullish(),
    text: z.string().max(2000).nullish(),
    /** The code the till scans at the door (the registration's id), in the confirmation and the reminder. */
    checkin_code: z.string().max(60).nullish(),
  })
  .strict()
export type EventMailData = z.infer<typeof EventMailData>

const SAMPLE: EventMailData = {
  name: "Anna",
  title: "Pasta-Kochkurs",
  starts_at: "2027-03-30T16:30:00.000Z",
  ends_at: "2027-03-30T19:30:00.000Z",
  time_zone: "Europe/Berlin",
  venue: "Kochstudio",
  address: "Hauptstraße 1, Berlin",
  quantity: 2,
  amount: 9800,
  currency_code: "eur",
  payment_status: "unpaid",
  cancel_url: "https://example.com/embed/events/registrations/evreg_1/cancel?token=t",
  accept_url: "https://example.com/embed/events/registrations/evreg_1/accept?token=t",
  offer_expires_at: "2027-03-20T12:00:00.000Z",
  text: null,
  checkin_code: "evreg_01JEXAMPLE",
}

type Words = {
  subject: (d: EventMailData) => string
  lead: (d: EventMailData, c: MailTemplateContext) => string[]
  action?: (d: EventMailData) => { label: string; url: string } | undefined
}

const L = {
  de: { when: "Wann", where: "Ort", places: "Plätze", amount: "Betrag", payment: "Zahlung", unpaid: "offen", paid: "bezahlt", free: "kostenlos", refunded: "erstattet", cancel: "Anmeldung stornieren", code: "Einlass-Code" },
  en: { when: "When", where: "Venue", places: "Places", amount: "Amount", payment: "Payment", unpaid: "open", paid: "paid", free: "free", refunded: "refunded", cancel: "Cancel registration", code: "Check-in code" },
  pt: { when: "Quando", where: "Local", places: "Lugares", amount: "Valor", payment: "Pagamento", unpaid: "em aberto", paid: "pago", free: "gratuito", refunded: "reembolsado", cancel: "Cancelar inscrição", code: "Código de entrada" },
}

function template(locale: "de" | "en" | "pt", w: Words) {
  return (d: EventMailData, c: MailTemplateContext): MailContent => {
    const l = L[locale]
    const payment = d.payment_status === "not_required" ? l.free : d.payment_status === "paid" ? l.paid : d.payment_status === "refunded" ? l.refunded : l.unpaid
    const details: [string, string][] = [
      [l.when, `${c.dateTime(d.starts_at, d.time_zone)} – ${c.dateTime(d.ends_at, d.time_zone)}`],
      [l.where, [d.venue, d.address].filter(Boolean).join(", ")],
      [l.places, String(d.quantity)],
    ]
    if (d.amount > 0) {
      details.push([l.amount, c.money(d.amount, d.currency_code)], [l.payment, payment])
    }
    if (d.checkin_code) {
      details.push([l.code, d.checkin_code])
    }
    const action = w.action?.(d) ?? (d.cancel_url ? { label: l.cancel, url: d.cancel_url } : undefined)
    return {
      subject: w.subject(d),
      ...mailText.base(d.name, c),
      paragraphs: [...w.lead(d, c), ...(d.text ? [d.text] : [])],
      details,
      action,
    }
  }
}

function kind(name: string, words: Record<"de" | "en" | "pt", Words>) {
  return defineMailKind({
    kind: name,
    plugin: "event",
    schema: EventMailData,
    sample: SAMPLE,
    templates: { de: template("de", words.de), en: template("en", words.en), pt: template("pt", words.pt) },
  })
}

export const confirmed = kind("event_registration_confirmed", {
  de: { subject: (d) => `Anmeldung bestätigt: ${d.title}`, lead: (d) => [`Sie sind für „${d.title}“ angemeldet. Den Termin finden Sie im Anhang für Ihren Kalender.`] },
  en: { subject: (d) => `Registration confirmed: ${d.title}`, lead: (d) => [`You are registered for “${d.title}”. The attached file adds the date to your calendar.`] },
  pt: { subject: (d) => `Inscrição confirmada: ${d.title}`, lead: (d) => [`Está inscrito em «${d.title}». O anexo adiciona a data ao seu calendário.`] },
})

export const waitlisted = kind("event_registration_waitlisted", {
  de: { subject: (d) => `Warteliste: ${d.title}`, lead: (d) => [`„${d.title}“ ist ausgebucht. Sie stehen auf der Warteliste; wird ein Platz frei, bieten wir ihn Ihnen per E-Mail an.`] },
  en: { subject: (d) => `Waiting list: ${d.title}`, lead: (d) => [`“${d.title}” is sold out. You are on the waiting list; when a place becomes free we will offer it to you by e-mail.`] },
  pt: { subject: (d) => `Lista de espera: ${d.title}`, lead: (d) => [`«${d.title}» está esgotado. Está na lista de espera; quando houver lugar, oferecemo-lo por e-mail.`] },
})

export const offered = kind("event_registration_offered", {
  de: {
    subject: (d) => `Ein Platz ist frei: ${d.title}`,
    lead: (d, c) => [`Für „${d.title}“ ist ein Platz frei geworden. Sie können ihn bis ${d.offer_expires_at ? c.dateTime(d.offer_expires_at, d.time_zone) : "kurz vor Beginn"} annehmen.`],
    action: (d) => (d.accept_url ? { label: "Platz annehmen", url: d.accept_url } : undefined),
  },
  en: {
    subject: (d) => `A place is free: ${d.title}`,
    lead: (d, c) => [`A place has become free for “${d.title}”. You can take it until ${d.offer_expires_at ? c.dateTime(d.offer_expires_at, d.time_zone) : "shortly before it starts"}.`],
    action: (d) => (d.accept_url ? { label: "Take the place", url: d.accept_url } : undefined),
  },
  pt: {
    subject: (d) => `Há um lugar livre: ${d.title}`,
    lead: (d, c) => [`Ficou um lugar livre em «${d.title}». Pode aceitá-lo até ${d.offer_expires_at ? c.dateTime(d.offer_expires_at, d.time_zone) : "pouco antes do início"}.`],
    action: (d) => (d.accept_url ? { label: "Aceitar o lugar", url: d.accept_url } : undefined),
  },
})

export const cancelled = kind("event_registration_cancelled", {
  de: { subject: (d) => `Anmeldung storniert: ${d.title}`, lead: (d) => [`Ihre Anmeldung für „${d.title}“ ist storniert.`] },
  en: { subject: (d) => `Registration cancelled: ${d.title}`, lead: (d) => [`Your registration for “${d.title}” is cancelled.`] },
  pt: { subject: (d) => `Inscrição cancelada: ${d.title}`, lead: (d) => [`A sua inscrição em «${d.title}» foi cancelada.`] },
})

export const expired = kind("event_registration_expired", {
  de: { subject: (d) => `Reservierung abgelaufen: ${d.title}`, lead: (d) => [`Ihre Reservierung für „${d.title}“ ist abgelaufen; die Plätze sind wieder frei.`] },
  en: { subject: (d) => `Reservation expired: ${d.title}`, lead: (d) => [`Your reservation for “${d.title}” has expired; the places are free again.`] },
  pt: { subject: (d) => `Reserva expirada: ${d.title}`, lead: (d) => [`A sua reserva para «${d.title}» expirou; os lugares estão de novo livres.`] },
})

export const eventChanged = kind("event_changed", {
  de: { subject: (d) => `Geänderter Termin: ${d.title}`, lead: () => ["Die Veranstaltung, für die Sie angemeldet sind, hat sich geändert. Hier die neuen Angaben; der Kalendereintrag im Anhang ersetzt den alten."] },
  en: { subject: (d) => `Changed: ${d.title}`, lead: () => ["The event you are registered for has changed. Here are the new details; the attached calendar entry replaces the old one."] },
  pt: { subject: (d) => `Alteração: ${d.title}`, lead: () => ["O evento em que está inscrito foi alterado. Eis os novos dados; o anexo substitui a entrada anterior no calendário."] },
})

export const eventCancelled = kind("event_cancelled", {
  de: { subject: (d) => `Abgesagt: ${d.title}`, lead: (d) => [`Leider müssen wir „${d.title}“ absagen. Bereits Bezahltes erstatten wir.`], action: () => undefined },
  en: { subject: (d) => `Cancelled: ${d.title}`, lead: (d) => [`We are sorry to cancel “${d.title}”. Anything already paid will be refunded.`], action: () => undefined },
  pt: { subject: (d) => `Cancelado: ${d.title}`, lead: (d) => [`Lamentamos, mas «${d.title}» foi cancelado. O que já foi pago será reembolsado.`], action: () => undefined },
})

export const reminder = kind("event_reminder", {
  de: { subject: (d) => `Bald ist es so weit: ${d.title}`, lead: (d, c) => [`Wir erinnern Sie an „${d.title}“ am ${c.dateTime(d.starts_at, d.time_zone)}. Wir freuen uns auf Sie!`] },
  en: { subject: (d) => `Coming soon: ${d.title}`, lead: (d, c) => [`A reminder of “${d.title}” on ${c.dateTime(d.starts_at, d.time_zone)}. We look forward to seeing you!`] },
  pt: { subject: (d) => `Está quase: ${d.title}`, lead: (d, c) => [`Lembramos «${d.title}» em ${c.dateTime(d.starts_at, d.time_zone)}. Contamos consigo!`] },
})

export const ALL_KINDS = [confirmed, waitlisted, offered, cancelled, expired, eventChanged, eventCancelled, reminder]
