import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { sendEmbedPage } from "@customer-modules/core"

import { escapeHtml, texts } from "#utils/i18n"
import { LOCALES } from "#validators"

/**
 * GET /embed/events/:id[?locale=] → the registration page for an iframe. The page itself is a shell;
 * its static script reads the event from `/store/events/:id` (so places are never shown from a cache)
 * and registers through `/store/events/:id/registrations`. No cookie is needed (Safari's blocked
 * third-party cookies change nothing).
 */
/** The texts the page's script shows, in the page's language. */
function pageTexts(locale: string): Record<string, string> {
  const t = texts(locale)
  return {
    name: t.name, email: t.email, phone: t.phone, quantity: t.quantity, note: t.note, register: t.register, yes: t.yes, no: t.no,
    confirmed: t.confirmed, waitlisted: t.waitlisted, held: t.held, error: t.error, soldOut: t.soldOut, waitlist: t.waitlist,
    free: t.free, closed: t.closed, seatsLeft: t.seatsLeft(2).replace("2", "{n}"), seatLeft: t.seatsLeft(1),
  }
}

export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const locale = (LOCALES as readonly string[]).includes(String(req.query.locale)) ? String(req.query.locale) : "de"
  const id = req.params.id
  if (!/^[A-Za-z0-9_]{1,64}$/.test(id)) {
    res.status(404).json({ type: "not_found", message: "No event with this id" })
    return
  }
  const t = texts(locale)
  const body = `<main class="cm-event-embed" id="cm-event-embed" data-event-id="${escapeHtml(id)}" data-locale="${locale}" data-texts="${escapeHtml(JSON.stringify(pageTexts(locale)))}">
  <h1 class="cm-event-embed__title">${escapeHtml(t.register)}</h1>
  <noscript><p>${escapeHtml(t.error)} JavaScript</p></noscript>
</main>`
  sendEmbedPage(res, { title: t.register, lang: locale, body, scripts: ["/embed/events/assets/register.js"], styles: ["/embed/events/assets/event.css"] })
}
