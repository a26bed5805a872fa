import type { ReservationSettings } from "../engine/types"

export type EmbedLocale = "de" | "en" | "pt"

const TEXTS: Record<EmbedLocale, Record<string, string>> = {
  de: { title: "Tisch reservieren", party: "Personen", date: "Datum", times: "Uhrzeit", name: "Name", email: "E-Mail", phone: "Telefon (optional)", note: "Anmerkung (optional)", newsletter: "Ja, ich möchte den Newsletter erhalten.", submit: "Verbindlich reservieren", trap: "Dieses Feld leer lassen", done: "Bis bald!", closed: "Online-Reservierungen sind hier derzeit nicht möglich." },
  en: { title: "Book a table", party: "Guests", date: "Date", times: "Time", name: "Name", email: "E-mail", phone: "Phone (optional)", note: "Note (optional)", newsletter: "Yes, I would like to receive the newsletter.", submit: "Book now", trap: "Leave this field empty", done: "See you soon!", closed: "Online booking is not available here at the moment." },
  pt: { title: "Reservar mesa", party: "Pessoas", date: "Data", times: "Hora", name: "Nome", email: "E-mail", phone: "Telefone (opcional)", note: "Observação (opcional)", newsletter: "Sim, quero receber a newsletter.", submit: "Reservar", trap: "Deixe este campo vazio", done: "Até breve!", closed: "As reservas online não estão disponíveis de momento." },
}

const escape = (s: string): string => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string)

/** The booking page's HTML: no inline script or style (its own static JS and CSS), texts in the guest's language. */
export function bookingPage(input: { locale: EmbedLocale; location_id: string; location_name: string; settings: ReservationSettings; today: string }): string {
  const t = TEXTS[input.locale]
  const s = input.settings
  const parties = Array.from({ length: s.max_party - s.min_party + 1 }, (_, i) => s.min_party + i)
  const body = !s.online
    ? `<p>${escape(t.closed)}</p>`
    : `<form id="rb-form" data-location-id="${escape(input.location_id)}" novalidate>
  <label>${escape(t.party)}<select id="rb-party" name="party">${parties.map((n) => `<option value="${n}"${n === Math.max(2, s.min_party) ? " selected" : ""}>${n}</option>`).join("")}</select></label>
  <label>${escape(t.date)}<input id="rb-date" name="date" type="date" value="${input.today}" min="${input.today}" required></label>
  <fieldset><legend>${escape(t.times)}</legend><div id="rb-times" role="group"></div></fieldset>
  <label>${escape(t.name)}<input name="name" autocomplete="name" maxlength="120" required></label>
  <label>${escape(t.email)}<input name="email" type="email" autocomplete="email" maxlength="254" required></label>
  <label>${escape(t.phone)}<input name="phone" type="tel" autocomplete="tel" maxlength="40"></label>
  <label>${escape(t.note)}<textarea name="note" maxlength="1000" rows="2"></textarea></label>
  <label class="rb-trap" aria-hidden="true">${escape(t.trap)}<input name="website" tabindex="-1" autocomplete="off"></label>
  ${s.newsletter_consent_text ? `<label class="rb-consent"><input type="checkbox" name="newsletter"><span>${escape(t.newsletter)} ${escape(s.newsletter_consent_text)}</span></label>` : ""}
  <button type="submit">${escape(t.submit)}</button>
</form>`
  return `<!doctype html>
<html lang="${input.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(t.title)} · ${escape(input.location_name)}</title>
<link rel="stylesheet" href="/embed/booking/assets/booking.css">
</head>
<body>
<h1>${escape(t.title)}</h1>
<p>${escape(input.location_name)}</p>
${body}
<p id="rb-status" role="status" aria-live="polite"></p>
<p id="rb-done" hidden>${escape(t.done)}</p>
<script src="/embed/booking/assets/booking.js" defer></script>
</body>
</html>`
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

/** Framing allowed from anywhere (the merchant's site), nothing else from elsewhere. */
export const EMBED_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors *"
