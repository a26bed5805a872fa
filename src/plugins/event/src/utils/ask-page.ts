import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"
import type { EntityManager } from "typeorm"

import { isDomainError, sendEmbedPage } from "@customer-modules/core"
import type { ActionTokens } from "@customer-modules/core"

import { escapeHtml, formatDateTime, texts } from "./i18n"
import { servicesOf } from "./services"
import { LOCALES } from "../validators"

type Kind = "cancel" | "accept"

function localeOf(req: MedusaRequest): string {
  const l = String((req.body as Record<string, unknown> | undefined)?.locale ?? req.query.locale ?? "")
  return (LOCALES as readonly string[]).includes(l) ? l : "de"
}

function words(kind: Kind, locale: string) {
  const t = texts(locale)
  return kind === "cancel"
    ? { title: t.cancelTitle, ask: t.cancelAsk, button: t.cancelButton, done: t.cancelDone }
    : { title: t.acceptTitle, ask: t.acceptAsk, button: t.acceptButton, done: t.acceptDone }
}

function page(res: MedusaResponse, locale: string, title: string, inner: string, status = 200): void {
  sendEmbedPage(
    res,
    { title, lang: locale, body: `<main class="cm-event-embed">\n<h1 class="cm-event-embed__title">${escapeHtml(title)}</h1>\n${inner}\n</main>`, styles: ["/embed/events/assets/event.css"] },
    { status }
  )
}

/**
 * The page behind a link in a mail that acts on a registration: GET asks
 * (nothing changes), only the form's POST acts. A wrong token is 403 either way.
 */
export function askPage(kind: Kind, tokens: (req: MedusaRequest) => ActionTokens) {
  const GET = async (req: MedusaRequest, res: MedusaResponse): Promise<void> => {
    const locale = localeOf(req)
    const w = words(kind, locale)
    const token = String(req.query.token ?? "")
    if (!token || token.length > 200 || !tokens(req).verify(req.params.id, token)) {
      page(res, locale, w.title, `<p class="cm-event-embed__result cm-event-embed__result--error">${escapeHtml(texts(locale).invalidLink)}</p>`, 403)
      return
    }
    const { registrations, events } = servicesOf(req)
    const r = await registrations.retrieve(req.params.id)
    const e = await events.retrieve(r.event_id)
    page(
      res,
      locale,
      w.title,
      `<p class="cm-event-embed__meta">${escapeHtml(e.title)} · ${escapeHtml(formatDateTime(e.starts_at, e.time_zone, locale))}</p>
<p>${escapeHtml(w.ask)}</p>
<form method="post" action="/embed/events/registrations/${escapeHtml(encodeURIComponent(r.id))}/${kind}">
  <input type="hidden" name="token" value="${escapeHtml(token)}">
  <input type="hidden" name="locale" value="${locale}">
  <button type="submit">${escapeHtml(w.button)}</button>
</form>`
    )
  }

  const POST = async (req: MedusaRequest, res: MedusaResponse): Promise<void> => {
    const locale = localeOf(req)
    const w = words(kind, locale)
    const token = String((req.body as Record<string, unknown> | undefined)?.token ?? "")
    if (!token || token.length > 200 || !tokens(req).verify(req.params.id, token)) {
      page(res, locale, w.title, `<p class="cm-event-embed__result cm-event-embed__result--error">${escapeHtml(texts(locale).invalidLink)}</p>`, 403)
      return
    }
    try {
      await req.scope.resolve<EntityManager>("manager").transaction(async (m) => {
        const { registrations } = servicesOf(req, m)
        return kind === "cancel" ? registrations.cancel(req.params.id, "guest") : registrations.acceptOffer(req.params.id)
      })
      page(res, locale, w.title, `<p class="cm-event-embed__result" role="status">${escapeHtml(w.done)}</p>`)
    } catch (e) {
      if (!isDomainError(e)) {
        throw e
      }
      page(res, locale, w.title, `<p class="cm-event-embed__result cm-event-embed__result--error">${escapeHtml(e.message)}</p>`, e.status)
    }
  }
  return { GET, POST }
}
