/**
 * Module demo, website content: news in de, en and pt (one current, one
 * pinned, one that starts next week, each per language) and a FAQ of three
 * questions per language.
 */
import type { CmsService, Locale } from "@customer-modules/cms"

import type { DemoContext } from "./context"

type Text = Record<Locale, { title: string; body: string }>

const CURRENT: Text = {
  de: { title: "Neu: Hausgemachte Zimtschnecken", body: "Ab sofort jeden Morgen frisch aus unserer Backstube – solange der Vorrat reicht." },
  en: { title: "New: home-made cinnamon rolls", body: "Fresh from our bakery every morning from now on – while stocks last." },
  pt: { title: "Novidade: rolos de canela caseiros", body: "A partir de agora, todas as manhãs, acabados de sair do nosso forno – até esgotar." },
}
const PINNED: Text = {
  de: { title: "Öffnungszeiten", body: "**Café Mitte** und **Café Kreuzberg**: täglich 8 bis 22 Uhr. Reservierungen online oder telefonisch." },
  en: { title: "Opening hours", body: "**Café Mitte** and **Café Kreuzberg**: daily 8 am to 10 pm. Book online or by phone." },
  pt: { title: "Horário", body: "**Café Mitte** e **Café Kreuzberg**: todos os dias das 8h às 22h. Reservas online ou por telefone." },
}
const FUTURE: Text = {
  de: { title: "Nächste Woche: Kaffee-Verkostung", body: "Vier Röstungen aus Äthiopien und Kolumbien im Vergleich. Plätze über unsere Veranstaltungsseite." },
  en: { title: "Next week: coffee tasting", body: "Four roasts from Ethiopia and Colombia side by side. Seats on our events page." },
  pt: { title: "Na próxima semana: prova de café", body: "Quatro torras da Etiópia e da Colômbia lado a lado. Lugares na nossa página de eventos." },
}
const FAQ: Record<Locale, { q: string; a: string; category: string }[]> = {
  de: [
    { q: "Kann ich mit Gutschein bezahlen?", a: "Ja, in beiden Cafés und auch teilweise: der Rest bleibt auf dem Gutschein.", category: "Bezahlen" },
    { q: "Wie sammle ich Punkte?", a: "Zeigen Sie Ihre Kundenkarte an der Kasse: pro Euro gibt es einen Punkt.", category: "Treuepunkte" },
    { q: "Kann ich einen Tisch reservieren?", a: "Online über unsere Webseite oder telefonisch, bis zu 90 Tage im Voraus.", category: "Reservierung" },
  ],
  en: [
    { q: "Can I pay with a voucher?", a: "Yes, in both cafés and in part too: what is left stays on the voucher.", category: "Payment" },
    { q: "How do I collect points?", a: "Show your customer card at the till: one point per euro.", category: "Loyalty" },
    { q: "Can I book a table?", a: "Online on our website or by phone, up to 90 days ahead.", category: "Reservations" },
  ],
  pt: [
    { q: "Posso pagar com um vale?", a: "Sim, nos dois cafés e também em parte: o resto fica no vale.", category: "Pagamento" },
    { q: "Como junto pontos?", a: "Mostre o seu cartão de cliente na caixa: um ponto por cada euro.", category: "Fidelização" },
    { q: "Posso reservar uma mesa?", a: "Online no nosso site ou por telefone, até 90 dias antes.", category: "Reservas" },
  ],
}

export async function seedCmsDemo(ctx: DemoContext): Promise<string[]> {
  if (!ctx.has("cmsService")) {
    return []
  }
  const cms = ctx.resolve<CmsService>("cmsService")
  const { clock } = ctx
  await cms.updateSettings({ time_zone: clock.timeZone })
  let news = 0
  let faq = 0
  for (const locale of ["de", "en", "pt"] as const) {
    await cms.createNews({ ...CURRENT[locale], locale, status: "published", valid_from: clock.at(-5, "08:00"), valid_until: clock.at(25, "22:00") })
    await cms.createNews({ ...PINNED[locale], locale, status: "published", pinned: true, valid_from: clock.at(-60, "08:00") })
    await cms.createNews({ ...FUTURE[locale], locale, status: "published", valid_from: clock.at(6, "08:00"), valid_until: clock.at(10, "22:00") })
    news += 3
    for (const [position, item] of FAQ[locale].entries()) {
      await cms.createFaq({ question: item.q, answer: item.a, category: item.category, position, locale, status: "published" })
      faq++
    }
  }
  return [`website content: ${news} news (current, pinned, upcoming) and ${faq} FAQ in de, en and pt`]
}
