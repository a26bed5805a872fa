import type { FaqDTO, Locale, NewsDTO } from "../types"
import { escapeHtml, jsonLd } from "./html"
import { markdownToHtml, markdownToText } from "./markdown"

const TEXTS: Record<Locale, { news: string; noNews: string; faq: string; noFaq: string; validUntil: string; validFrom: string; pinned: string }> = {
  de: { news: "Neuigkeiten", noNews: "Zurzeit gibt es keine Neuigkeiten.", faq: "Häufige Fragen", noFaq: "Noch keine Fragen.", validUntil: "gültig bis", validFrom: "seit", pinned: "Angeheftet" },
  en: { news: "News", noNews: "No news at the moment.", faq: "Frequently asked questions", noFaq: "No questions yet.", validUntil: "valid until", validFrom: "since", pinned: "Pinned" },
  pt: { news: "Novidades", noNews: "De momento não há novidades.", faq: "Perguntas frequentes", noFaq: "Ainda não há perguntas.", validUntil: "válido até", validFrom: "desde", pinned: "Fixado" },
}

export type PublicNews = { id: string; title: string; body_html: string; image_url: string | null; valid_from: string | null; valid_until: string | null; pinned: boolean; locale: Locale | null }
export type PublicFaq = { id: string; question: string; answer_html: string; category: string | null; position: number; locale: Locale | null }

export function publicNews(n: NewsDTO): PublicNews {
  return { id: n.id, title: n.title, body_html: markdownToHtml(n.body), image_url: n.image_url, valid_from: n.valid_from, valid_until: n.valid_until, pinned: n.pinned, locale: n.locale }
}

export function publicFaq(f: FaqDTO): PublicFaq {
  return { id: f.id, question: f.question, answer_html: markdownToHtml(f.answer), category: f.category, position: f.position, locale: f.locale }
}

function formatDate(iso: string, locale: Locale, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone }).format(new Date(iso))
}

/**
 * The news as plain semantic markup with `cm-news…` classes (BEM), so the
 * site's own styles apply, and schema.org `NewsArticle` data. No script runs.
 */
export function newsFragment(items: NewsDTO[], locale: Locale, timeZone: string): string {
  const t = TEXTS[locale]
  const articles = items.map((n) => {
    const html = markdownToHtml(n.body)
    const classes = `cm-news__item${n.pinned ? " cm-news__item--pinned" : ""}`
    const validity = n.valid_until
      ? `<p class="cm-news__validity">${escapeHtml(t.validUntil)} <time datetime="${escapeHtml(n.valid_until)}">${escapeHtml(formatDate(n.valid_until, locale, timeZone))}</time></p>`
      : ""
    const image = n.image_url ? `<img class="cm-news__image" src="${escapeHtml(n.image_url)}" alt="" loading="lazy">` : ""
    return (
      `<article class="${classes}" id="cm-news-${escapeHtml(n.id)}">` +
      `<h3 class="cm-news__title">${escapeHtml(n.title)}</h3>` +
      validity +
      image +
      `<div class="cm-news__body">${html}</div>` +
      `</article>`
    )
  })
  const ld = {
    "@context": "https://schema.org",
    "@graph": items.map((n) => ({
      "@type": "NewsArticle",
      headline: n.title,
      articleBody: markdownToText(n.body),
      datePublished: n.valid_from ?? n.created_at,
      dateModified: n.updated_at,
      ...(n.valid_until ? { expires: n.valid_until } : {}),
      ...(n.image_url ? { image: n.image_url } : {}),
      ...(n.locale ? { inLanguage: n.locale } : {}),
    })),
  }
  return (
    `<section class="cm-news" lang="${locale}" aria-label="${escapeHtml(t.news)}">` +
    (articles.length ? articles.join("") : `<p class="cm-news__empty">${escapeHtml(t.noNews)}</p>`) +
    (items.length ? jsonLd(ld) : "") +
    `</section>`
  )
}

/** The FAQ as `<details>` groups by category with `cm-faq…` classes and schema.org `FAQPage` data. */
export function faqFragment(items: FaqDTO[], locale: Locale): string {
  const t = TEXTS[locale]
  const groups = new Map<string, FaqDTO[]>()
  for (const f of items) {
    const key = f.category ?? ""
    groups.set(key, [...(groups.get(key) ?? []), f])
  }
  const body = [...groups.entries()]
    .map(([category, list]) => {
      const heading = category ? `<h3 class="cm-faq__category">${escapeHtml(category)}</h3>` : ""
      const entries = list
        .map(
          (f) =>
            `<details class="cm-faq__item" id="cm-faq-${escapeHtml(f.id)}">` +
            `<summary class="cm-faq__question">${escapeHtml(f.question)}</summary>` +
            `<div class="cm-faq__answer">${markdownToHtml(f.answer)}</div>` +
            `</details>`
        )
        .join("")
      return `<div class="cm-faq__group">${heading}${entries}</div>`
    })
    .join("")
  const ld = {
    "@context": "https://schema.org",
    "@type": "FAQPage",
    mainEntity: items.map((f) => ({ "@type": "Question", name: f.question, acceptedAnswer: { "@type": "Answer", text: markdownToHtml(f.answer) } })),
  }
  return (
    `<section class="cm-faq" lang="${locale}" aria-label="${escapeHtml(t.faq)}">` +
    (items.length ? body : `<p class="cm-faq__empty">${escapeHtml(t.noFaq)}</p>`) +
    (items.length ? jsonLd(ld) : "") +
    `</section>`
  )
}
