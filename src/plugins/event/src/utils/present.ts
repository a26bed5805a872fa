import { createHash } from "crypto"

import type { EventView } from "../types"
import { localText } from "../types"
import { escapeHtml, formatDateTime, formatMoney, formatTime, texts } from "./i18n"
import { plainText, renderMarkdown } from "./markdown"

/** An event as the public sees it: the fixed fields of STORE-API.md, then more. */
export function publicEvent(e: EventView, locale: string) {
  return {
    id: e.id,
    title: e.title,
    description: e.description ?? "",
    starts_at: e.starts_at,
    ends_at: e.ends_at,
    time_zone: e.time_zone,
    venue: { name: e.venue.name, address: e.venue.address },
    capacity: e.capacity,
    seats_left: e.seats_left,
    price: e.price,
    currency_code: e.currency_code,
    description_html: renderMarkdown(e.description ?? ""),
    local_start: e.local_start,
    local_end: e.local_end,
    image_url: e.image_url,
    waitlist: e.waitlist,
    sold_out: e.seats_left === 0,
    status: e.status,
    registration_opens_at: e.registration_opens_at,
    registration_closes_at: e.registration_closes_at ?? e.starts_at,
    price_categories: e.price_categories.map((c) => ({ id: c.id, label: localText(c.label, locale), price: c.price })),
    questions: e.questions.map((q) => ({
      id: q.id,
      type: q.type,
      label: localText(q.label, locale),
      required: q.required,
      choices: q.choices?.map((c) => ({ id: c.id, label: localText(c.label, locale) })),
    })),
  }
}

/** schema.org `Event` for one event (JSON-LD). */
export function eventJsonLd(e: EventView, publicUrl: string) {
  return {
    "@context": "https://schema.org",
    "@type": "Event",
    name: e.title,
    description: plainText(e.description) || undefined,
    startDate: e.starts_at.toISOString(),
    endDate: e.ends_at.toISOString(),
    eventStatus: e.status === "cancelled" ? "https://schema.org/EventCancelled" : "https://schema.org/EventScheduled",
    eventAttendanceMode: "https://schema.org/OfflineEventAttendanceMode",
    image: e.image_url ?? undefined,
    location: { "@type": "Place", name: e.venue.name, address: e.venue.address ?? undefined },
    maximumAttendeeCapacity: e.capacity,
    remainingAttendeeCapacity: e.seats_left,
    offers: {
      "@type": "Offer",
      price: (e.price / 100).toFixed(2),
      priceCurrency: e.currency_code.toUpperCase(),
      availability: e.seats_left > 0 ? "https://schema.org/InStock" : "https://schema.org/SoldOut",
      url: `${publicUrl}/embed/events/${e.id}`,
    },
  }
}

/** JSON inside a `<script type="application/ld+json">` block: no `<` that could end it. */
function safeJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026")
}

/**
 * The HTML fragment of `/store/events?format=html`: plain semantic markup with
 * `cm-event…` classes for the site's own styles, no executable script, one
 * schema.org JSON-LD data block.
 */
export function eventsFragment(events: EventView[], locale: string, publicUrl: string): string {
  const t = texts(locale)
  if (!events.length) {
    return `<section class="cm-events cm-events--empty" lang="${locale}"><p class="cm-events__empty">${escapeHtml(t.none)}</p></section>\n`
  }
  const items = events.map((e) => {
    const seats = e.seats_left > 0 ? t.seatsLeft(e.seats_left) : e.waitlist ? t.waitlist : t.soldOut
    const price = e.price_categories.length
      ? e.price_categories.map((c) => `${escapeHtml(localText(c.label, locale))}: ${escapeHtml(formatMoney(c.price, e.currency_code, locale))}`).join(", ")
      : e.price === 0
        ? t.free
        : formatMoney(e.price, e.currency_code, locale)
    const image = e.image_url ? `\n    <img class="cm-event__image" src="${escapeHtml(e.image_url)}" alt="" loading="lazy">` : ""
    const register =
      e.seats_left > 0 || e.waitlist
        ? `\n    <p class="cm-event__action"><a class="cm-event__register" href="${escapeHtml(`${publicUrl}/embed/events/${e.id}?locale=${locale}`)}">${escapeHtml(t.register)}</a></p>`
        : ""
    return `  <article class="cm-event${e.seats_left === 0 ? " cm-event--sold-out" : ""}" id="cm-event-${escapeHtml(e.id)}">${image}
    <h3 class="cm-event__title">${escapeHtml(e.title)}</h3>
    <p class="cm-event__when"><time class="cm-event__start" datetime="${e.starts_at.toISOString()}">${escapeHtml(formatDateTime(e.starts_at, e.time_zone, locale))}</time> – <time class="cm-event__end" datetime="${e.ends_at.toISOString()}">${escapeHtml(formatTime(e.ends_at, e.time_zone, locale))}</time></p>
    <p class="cm-event__venue">${escapeHtml(e.venue.name)}${e.venue.address ? `, <span class="cm-event__address">${escapeHtml(e.venue.address)}</span>` : ""}</p>
    <div class="cm-event__description">${renderMarkdown(e.description ?? "")}</div>
    <p class="cm-event__price">${escapeHtml(price)}</p>
    <p class="cm-event__seats">${escapeHtml(seats)}</p>${register}
  </article>`
  })
  const ld = events.map((e) => eventJsonLd(e, publicUrl))
  return `<section class="cm-events" lang="${locale}">
${items.join("\n")}
  <script type="application/ld+json">${safeJson(ld)}</script>
</section>
`
}

/** A strong ETag of an answer's bytes. */
export function etagOf(body: string): string {
  return `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`
}

/** Whether the client's If-None-Match names this ETag. */
export function notModified(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) {
    return false
  }
  return ifNoneMatch.split(",").some((t) => t.trim() === etag || t.trim() === "*" || t.trim() === `W/${etag}`)
}
