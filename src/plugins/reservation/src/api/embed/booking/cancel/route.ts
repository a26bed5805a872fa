import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"
import { z } from "zod"

import { escapeHtml, parseBody, sendEmbedPage } from "@customer-modules/core"

import { pickLocale } from "#src/embed/booking-page"

const Query = z.object({ id: z.string().trim().min(1).max(64), token: z.string().trim().min(10).max(200), locale: z.enum(["de", "en", "pt"]).optional() }).strict()

const TEXTS = {
  de: { title: "Reservierung stornieren", ask: "Möchten Sie Ihre Reservierung wirklich stornieren?", yes: "Ja, stornieren" },
  en: { title: "Cancel reservation", ask: "Do you really want to cancel your reservation?", yes: "Yes, cancel" },
  pt: { title: "Cancelar reserva", ask: "Quer mesmo cancelar a sua reserva?", yes: "Sim, cancelar" },
}

/** GET /embed/booking/cancel?id=&token= → a page that asks first; only its button's POST (/store/reservations/:id/cancel) cancels. */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const q = parseBody(Query, req.query)
  const locale = pickLocale(q.locale, req.get("accept-language"))
  const t = TEXTS[locale]
  sendEmbedPage(res, {
    title: t.title,
    lang: locale,
    styles: ["/embed/booking/assets/booking.css"],
    scripts: ["/embed/booking/assets/cancel.js"],
    body: `<h1>${escapeHtml(t.title)}</h1>
<form id="rc-form" data-id="${escapeHtml(q.id)}" data-token="${escapeHtml(q.token)}"><p>${escapeHtml(t.ask)}</p><button type="submit">${escapeHtml(t.yes)}</button></form>
<p id="rc-status" role="status" aria-live="polite"></p>`,
  })
}
