import { escapeHtml } from "@customer-modules/core"
import type { EmbedPage } from "@customer-modules/core"

import type { ReservationSettings } from "../engine/types"

export type EmbedLocale = "de" | "en" | "pt"

const TEXTS: Record<EmbedLocale, Record<string, string>> = {
  de: { title: "Tisch reservieren", party: "Personen", date: "Datum", times: "Uhrzeit", name: "Name", email: "E-Mail", phone: "Telefon (optional)", note: "Anmerkung (optional)", newsletter: "Ja, ich möchte den Newsletter erhalten.", submit: "Verbindlich reservieren", trap: "Dieses Feld leer lassen", done: "Bis bald!", closed: "Online-Reservierungen sind hier derzeit nicht möglich." },
  en: { title: "Book a table", party: "Guests", date: "Date", times: "Time", name: "Name", email: "E-mail", phone: "Phone (optional)", note: "Note (optional)", newsletter: "Yes, I would like to receive the newsletter.", submit: "Book now", trap: "Leave this field empty", done: "See you soon!", closed: "Online booking is not available here at the moment." },
  pt: { title: "Reservar mesa", party: "Pessoas", date: "Data", times: "Hora", name: "Nome", email: "E-mail", phone: "Telefone (opcional)", note: "Observação (opcional)", newsletter: "Sim, quero receber a newsletter.", submit: "Reservar", trap: "Deixe este campo vazio", done: "Até breve!", closed: "As reservas online não estão disponíveis de momento." },
}

/** The server's refusals that the booking page explains in the guest's language (the server's own message is English). */
type Refusal = "closed" | "off_grid" | "ends_after_closing" | "online_closed" | "party_size" | "too_soon" | "too_far_ahead" | "pacing" | "guest_refused" | "closed_by_rule" | "in_the_past" | "rate_limited" | "invalid_request"

/** What booking.js says, in the page's language; sent in the form's `data-texts` (the script carries no texts of its own). */
type ScriptTexts = { loading: string; none: string; choose: string; booked: string; taken: string; error: string; sending: string; refusals: Record<Refusal, string> }

const SCRIPT_TEXTS: Record<EmbedLocale, ScriptTexts> = {
  de: { loading: "Zeiten werden geladen …", none: "An diesem Tag ist leider nichts frei.", choose: "Bitte eine Uhrzeit wählen.", booked: "Vielen Dank! Ihre Reservierung ist bestätigt; Sie erhalten eine E-Mail.", taken: "Diese Zeit ist inzwischen vergeben. Andere Zeiten:", error: "Das hat nicht geklappt:", sending: "Wird gesendet …", refusals: { closed: "Zu dieser Zeit haben wir geschlossen.", off_grid: "Bitte eine der angebotenen Zeiten wählen.", ends_after_closing: "Der Besuch würde nach Ladenschluss enden.", online_closed: "Online-Reservierungen sind hier nicht möglich.", party_size: "Für diese Personenzahl rufen Sie uns bitte an.", too_soon: "Diese Zeit ist zu kurzfristig für eine Online-Reservierung.", too_far_ahead: "Dieses Datum liegt zu weit in der Zukunft.", pacing: "Zu dieser Zeit kommen schon viele Gäste; bitte eine andere Zeit wählen.", guest_refused: "Wir können diese Reservierung online nicht annehmen; bitte rufen Sie uns an.", closed_by_rule: "Zu dieser Zeit ist kein Tisch reservierbar.", in_the_past: "Diese Zeit ist schon vorbei.", rate_limited: "Zu viele Reservierungen in kurzer Zeit; bitte später erneut versuchen.", invalid_request: "Bitte die Angaben prüfen." } },
  en: { loading: "Loading times …", none: "Sorry, nothing is free on this day.", choose: "Please choose a time.", booked: "Thank you! Your reservation is confirmed; you will receive an e-mail.", taken: "This time has just been taken. Other times:", error: "That did not work:", sending: "Sending …", refusals: { closed: "We are closed at that time.", off_grid: "Please choose one of the offered times.", ends_after_closing: "The visit would end after closing time.", online_closed: "Online booking is not available here.", party_size: "For a party of this size, please call us.", too_soon: "This time is too soon to book online.", too_far_ahead: "This date is too far ahead.", pacing: "Many guests arrive at that time already; please choose another time.", guest_refused: "We cannot accept this booking online; please call us.", closed_by_rule: "No table can be booked at that time.", in_the_past: "This time has passed.", rate_limited: "Too many bookings in a short time; please try again later.", invalid_request: "Please check your details." } },
  pt: { loading: "A carregar horários …", none: "Lamentamos, não há nada livre neste dia.", choose: "Escolha uma hora, por favor.", booked: "Obrigado! A sua reserva está confirmada; vai receber um e-mail.", taken: "Esta hora acabou de ser ocupada. Outras horas:", error: "Não foi possível:", sending: "A enviar …", refusals: { closed: "Estamos fechados a essa hora.", off_grid: "Escolha uma das horas propostas, por favor.", ends_after_closing: "A visita terminaria depois da hora de fecho.", online_closed: "As reservas online não estão disponíveis aqui.", party_size: "Para um grupo deste tamanho, ligue-nos por favor.", too_soon: "Esta hora é demasiado próxima para reservar online.", too_far_ahead: "Esta data é demasiado distante.", pacing: "Já chegam muitas pessoas a essa hora; escolha outra hora, por favor.", guest_refused: "Não podemos aceitar esta reserva online; ligue-nos por favor.", closed_by_rule: "Nenhuma mesa pode ser reservada a essa hora.", in_the_past: "Esta hora já passou.", rate_limited: "Demasiadas reservas em pouco tempo; tente mais tarde, por favor.", invalid_request: "Verifique os seus dados, por favor." } },
}

/** The booking page for `embedPage`: no inline script (its own static JS and CSS), texts in the guest's language. */
export function bookingPage(input: { locale: EmbedLocale; location_id: string; location_name: string; settings: ReservationSettings; today: string }): EmbedPage {
  const t = TEXTS[input.locale]
  const s = input.settings
  const parties = Array.from({ length: s.max_party - s.min_party + 1 }, (_, i) => s.min_party + i)
  const form = !s.online
    ? `<p>${escapeHtml(t.closed)}</p>`
    : `<form id="rb-form" data-location-id="${escapeHtml(input.location_id)}" data-texts="${escapeHtml(JSON.stringify(SCRIPT_TEXTS[input.locale]))}" novalidate>
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

