import { escapeHtml } from "@customer-modules/core"
import type { EmbedPage } from "@customer-modules/core"

import type { ReservationSettings } from "../engine/types"

export type EmbedLocale = "de" | "en" | "pt"

const TEXTS: Record<EmbedLocale, Record<string, string>> = {
  de: { title: "Tisch reservieren", party: "Personen", date: "Datum", times: "Uhrzeit", name: "Name", email: "E-Mail", phone: "Telefon (optional)", note: "Anmerkung (optional)", newsletter: "Ja, ich möchte den Newsletter erhalten.", submit: "Verbindlich reservieren", trap: "Dieses Feld leer lassen", done: "Bis bald!", closed: "Online-Reservierungen sind hier derzeit nicht möglich." },
  en: { title: "Book a table", party: "Guests", date: "Date", times: "Time", name: "Name", email: "E-mail", phone: "Phone (optional)", note: "Note (optional)", newsletter: "Yes, I would like to receive the newsletter.", submit: "Book now", trap: "Leave this field empty", done: "See you soon!", closed: "Online booking is not available here at the moment." },
  pt: { title: "Reservar mesa", party: "Pessoas", date: "Data", times: "Hora", name: "Nome", email: "E-mail", phone: "Telefone (opcional)", note: "Observação (opcional)", newsletter: "Sim, quero receber a newsletter.", submit: "Reservar", trap: "Deixe este campo vazio", done: "Até breve!", closed: "As reservas online não estão disponíveis de momento." },
}

/** The booking page for `embedPage`: no inline script (its own static JS and CSS), texts in the guest's language. */
export function bookingPage(input: { locale: EmbedLocale; location_id: string; location_name: string; settings: ReservationSettings; today: string }): EmbedPage {
  const t = TEXTS[input.locale]
  const s = input.settings
  const parties = Array.from({ length: s.max_party - s.min_party + 1 }, (_, i) => s.min_party + i)
  const form = !s.online
    ? `<p>${escapeHtml(t.closed)}</p>`
    : `<form id="rb-form" data-location-id="${escapeHtml(input.location_id)}" novalidate>
  <label>${escapeHtml(t.party)}<select id="rb-party" name="party">${parties.map((n) => `<option value="${n}"${n === Math.max(2, s.min_party) ? " selected" : ""}>${n}</option>`).join("")}</select></label>
  <label>${escapeHtml(t.date)}<input id="rb-date" name="date" type="date" value="${escapeHtml(input.today)}" min="${escapeHtml(input.today)}" required></label>
  <fieldset><legend>${escapeHtml(t.times)}</legend><div id="rb-times" role="group"></div></fieldset>
  <label>${escapeHtml(t.name)}<input name="name" autocomplete="name" maxlength="120" required></label>
  <label>${escapeHtml(t.email)}<input name="email" type="email" autocomplete="email" maxlength="254" required></label>
  <label>${escapeHtml(t.phone)}<input name="phone" type="tel" autocomplete="tel" maxlength="40"></label>
  <label>${escapeHtml(t.note)}<textarea name="note" maxlength="1000" rows="2"></textarea></label>
  <label class="rb-trap" aria-hidden="true">${escapeHtml(t.trap)}<input name="website" tabindex="-1" autocomplete="off"></label>
  ${s.newsletter_consent_text ? `<label class="rb-consent"><input type="checkbox" name="newsletter"><span>${escapeHtml(t.newsletter)} ${escapeHtml(s.newsletter_consent_text)}</span></label>` : ""}
  <button type="submit">${escapeHtml(t.submit)}</button>
</form>`
  return {
    title: `${t.title} · ${input.location_name}`,
    lang: input.locale,
    styles: ["/embed/booking/assets/booking.css"],
    scripts: ["/embed/booking/assets/booking.js"],
    body: `<h1>${escapeHtml(t.title)}</h1>
<p>${escapeHtml(input.location_name)}</p>
${form}
<p id="rb-status" role="status" aria-live="polite"></p>
<p id="rb-done" hidden>${escapeHtml(t.done)}</p>`,
  }
}

/** The guest's language: `?locale=`, else the browser's Accept-Language, else German. */
export function pickLocale(query: unknown, acceptLanguage: string | undefined): EmbedLocale {
  if (query === "de" || query === "en" || query === "pt") return query
  for (const part of (acceptLanguage ?? "").split(",")) {
    const lang = part.trim().slice(0, 2).toLowerCase()
    if (lang === "de" || lang === "en" || lang === "pt") return lang
  }
  return "de"
}

