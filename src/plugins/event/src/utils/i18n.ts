import type { Locale } from "../validators"

/** Every text a guest reads on the public pages and in the fragment, in de, en and pt. */
export const TEXTS = {
  de: {
    events: "Veranstaltungen",
    none: "Zurzeit sind keine Veranstaltungen geplant.",
    seatsLeft: (n: number) => (n === 1 ? "1 Platz frei" : `${n} Plätze frei`),
    soldOut: "Ausgebucht",
    waitlist: "Ausgebucht – Warteliste möglich",
    free: "Eintritt frei",
    register: "Anmelden",
    venue: "Ort",
    when: "Wann",
    price: "Preis",
    name: "Name",
    email: "E-Mail",
    phone: "Telefon (optional)",
    quantity: "Anzahl Plätze",
    note: "Anmerkung (optional)",
    yes: "Ja",
    no: "Nein",
    confirmed: "Sie sind angemeldet. Eine Bestätigung ist unterwegs an Ihre E-Mail-Adresse.",
    waitlisted: "Die Veranstaltung ist ausgebucht; Sie stehen auf der Warteliste. Wird ein Platz frei, melden wir uns.",
    held: "Ihre Plätze sind reserviert. Bitte schließen Sie die Zahlung ab.",
    error: "Die Anmeldung hat nicht geklappt:",
    cancelTitle: "Anmeldung stornieren",
    cancelAsk: "Möchten Sie Ihre Anmeldung wirklich stornieren?",
    cancelButton: "Ja, stornieren",
    cancelDone: "Ihre Anmeldung ist storniert.",
    invalidLink: "Dieser Link ist ungültig.",
    acceptTitle: "Platz von der Warteliste",
    acceptAsk: "Ein Platz ist frei geworden. Möchten Sie ihn verbindlich annehmen?",
    acceptButton: "Ja, Platz annehmen",
    acceptDone: "Sie sind angemeldet.",
    closed: "Die Anmeldung ist geschlossen.",
  },
  en: {
    events: "Events",
    none: "No events are planned at the moment.",
    seatsLeft: (n: number) => (n === 1 ? "1 place left" : `${n} places left`),
    soldOut: "Sold out",
    waitlist: "Sold out – join the waiting list",
    free: "Free admission",
    register: "Register",
    venue: "Venue",
    when: "When",
    price: "Price",
    name: "Name",
    email: "E-mail",
    phone: "Phone (optional)",
    quantity: "Number of places",
    note: "Note (optional)",
    yes: "Yes",
    no: "No",
    confirmed: "You are registered. A confirmation is on its way to your e-mail address.",
    waitlisted: "The event is sold out; you are on the waiting list. We will let you know when a place becomes free.",
    held: "Your places are held. Please complete the payment.",
    error: "The registration did not work:",
    cancelTitle: "Cancel registration",
    cancelAsk: "Do you really want to cancel your registration?",
    cancelButton: "Yes, cancel",
    cancelDone: "Your registration is cancelled.",
    invalidLink: "This link is not valid.",
    acceptTitle: "A place from the waiting list",
    acceptAsk: "A place has become free. Do you want to take it?",
    acceptButton: "Yes, take the place",
    acceptDone: "You are registered.",
    closed: "Registration is closed.",
  },
  pt: {
    events: "Eventos",
    none: "De momento não há eventos planeados.",
    seatsLeft: (n: number) => (n === 1 ? "1 lugar livre" : `${n} lugares livres`),
    soldOut: "Esgotado",
    waitlist: "Esgotado – lista de espera disponível",
    free: "Entrada livre",
    register: "Inscrever-se",
    venue: "Local",
    when: "Quando",
    price: "Preço",
    name: "Nome",
    email: "E-mail",
    phone: "Telefone (opcional)",
    quantity: "Número de lugares",
    note: "Observação (opcional)",
    yes: "Sim",
    no: "Não",
    confirmed: "Está inscrito. A confirmação segue para o seu e-mail.",
    waitlisted: "O evento está esgotado; está na lista de espera. Avisamos quando houver um lugar livre.",
    held: "Os seus lugares estão reservados. Conclua o pagamento, por favor.",
    error: "A inscrição não foi possível:",
    cancelTitle: "Cancelar inscrição",
    cancelAsk: "Quer mesmo cancelar a sua inscrição?",
    cancelButton: "Sim, cancelar",
    cancelDone: "A sua inscrição foi cancelada.",
    invalidLink: "Este link não é válido.",
    acceptTitle: "Um lugar da lista de espera",
    acceptAsk: "Ficou um lugar livre. Quer aceitá-lo?",
    acceptButton: "Sim, aceitar o lugar",
    acceptDone: "Está inscrito.",
    closed: "As inscrições estão fechadas.",
  },
} satisfies Record<Locale, Record<string, unknown>>

export function texts(locale: string | undefined) {
  return TEXTS[(locale as Locale) in TEXTS ? (locale as Locale) : "de"]
}

const LOCALE_TAGS: Record<Locale, string> = { de: "de-DE", en: "en-GB", pt: "pt-PT" }

export function formatDateTime(instant: Date, timeZone: string, locale: string): string {
  return new Intl.DateTimeFormat(LOCALE_TAGS[locale as Locale] ?? "de-DE", { timeZone, dateStyle: "full", timeStyle: "short" }).format(instant)
}

export function formatTime(instant: Date, timeZone: string, locale: string): string {
  return new Intl.DateTimeFormat(LOCALE_TAGS[locale as Locale] ?? "de-DE", { timeZone, timeStyle: "short" }).format(instant)
}

export function formatMoney(minor: number, currency: string, locale: string): string {
  return new Intl.NumberFormat(LOCALE_TAGS[locale as Locale] ?? "de-DE", { style: "currency", currency: currency.toUpperCase() }).format(minor / 100)
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string)
}
