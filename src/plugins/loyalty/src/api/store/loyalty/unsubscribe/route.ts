import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { isDomainError } from "@customer-modules/core"
import type { BrandingService, Locale, PageContent } from "@customer-modules/jobs"
import { renderPage } from "@customer-modules/jobs"

import type LoyaltyAnalysisService from "#services/loyalty-analysis"
import { UnsubscribeQuery } from "#validators"

const TEXT: Record<Locale, { title: string; ask: (s: string) => string; button: string; done: (s: string) => string; invalid: string }> = {
  de: {
    title: "E-Mails abbestellen",
    ask: (s) => `Möchten Sie keine Werbe-E-Mails von ${s} mehr erhalten (Geburtstagsgrüße, Angebote)? Ihre Kundenkarte und Ihre Bonuspunkte bleiben erhalten.`,
    button: "Abbestellen",
    done: (s) => `Erledigt: Sie erhalten keine Werbe-E-Mails von ${s} mehr. Ihre Kundenkarte und Ihre Bonuspunkte bleiben erhalten.`,
    invalid: "Dieser Abmeldelink ist ungültig. Bitte verwenden Sie den Link aus der E-Mail unverändert.",
  },
  en: {
    title: "Unsubscribe",
    ask: (s) => `Would you like to stop receiving marketing e-mails from ${s} (birthday greetings, offers)? Your customer card and bonus points stay as they are.`,
    button: "Unsubscribe",
    done: (s) => `Done: you will no longer receive marketing e-mails from ${s}. Your customer card and bonus points stay as they are.`,
    invalid: "This unsubscribe link is not valid. Please use the link from the e-mail unchanged.",
  },
  pt: {
    title: "Cancelar subscrição",
    ask: (s) => `Pretende deixar de receber e-mails promocionais de ${s} (felicitações de aniversário, ofertas)? O seu cartão de cliente e os seus pontos mantêm-se.`,
    button: "Cancelar subscrição",
    done: (s) => `Feito: deixará de receber e-mails promocionais de ${s}. O seu cartão de cliente e os seus pontos mantêm-se.`,
    invalid: "Este link de cancelamento não é válido. Utilize o link do e-mail sem alterações.",
  },
}

/** Answers with the merchant's page, or JSON for a client that asks for it. */
async function answer(req: MedusaRequest, res: MedusaResponse, status: number, page: (t: (typeof TEXT)[Locale], sender: string) => PageContent, json: object) {
  if (req.accepts(["html", "json"]) === "json") {
    res.status(status).json(json)
    return
  }
  const branding = await req.scope.resolve<BrandingService>("brandingService").retrieve()
  res.status(status).type("html").send(renderPage(page(TEXT[branding.default_locale], branding.sender_name), branding))
}

/** A link that does not fit: the same answer whatever is wrong with it (reveals nothing). */
async function invalid(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  await answer(req, res, 404, (t) => ({ title: t.title, paragraphs: [t.invalid] }), { type: "not_found", message: "This unsubscribe link is not valid" })
}

/**
 * GET /store/loyalty/unsubscribe?customer_id=&token=: the link in marketing
 * mails. Shows a page with one button and changes nothing, so that link
 * scanners and previews that open every link do not unsubscribe anyone.
 */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const query = UnsubscribeQuery.safeParse(req.query)
  const links = req.scope.resolve<LoyaltyAnalysisService>("loyaltyAnalysisService")
  if (!query.success || !links.validLink(query.data.customer_id, query.data.token)) {
    return invalid(req, res)
  }
  const action = `${req.baseUrl}${req.path}?customer_id=${encodeURIComponent(query.data.customer_id)}&token=${encodeURIComponent(query.data.token)}`
  await answer(req, res, 200, (t, sender) => ({ title: t.title, paragraphs: [t.ask(sender)], form: { action, button: t.button } }), { unsubscribed: false })
}

/**
 * POST /store/loyalty/unsubscribe?customer_id=&token= → the confirmation
 * (HTML, or `{ unsubscribed: true }` as JSON): clears the marketing consent.
 * The page's button and mail programs' one-click unsubscribe (RFC 8058,
 * List-Unsubscribe-Post) both land here; doing it twice is fine.
 */
export async function POST(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const query = UnsubscribeQuery.safeParse(req.query)
  if (!query.success) {
    return invalid(req, res)
  }
  try {
    await req.scope.resolve<LoyaltyAnalysisService>("loyaltyAnalysisService").unsubscribe(query.data.customer_id, query.data.token)
  } catch (e) {
    if (isDomainError(e) && e.status === 404) {
      return invalid(req, res)
    }
    throw e
  }
  await answer(req, res, 200, (t, sender) => ({ title: t.title, paragraphs: [t.done(sender)] }), { unsubscribed: true })
}
