/**
 * For websites that are not WordPress but render on their own server (Next.js,
 * Astro, Express): fetch the news, FAQ and events fragments from the customer
 * modules server, cache them, revalidate with ETags and fall back to the last
 * copy that worked when the server cannot be reached, and build the markup
 * for the transaction elements (with a `<noscript>` link).
 *
 * ```ts
 * import { createStorefront } from "@customer-modules/storefront"
 * const cm = createStorefront({ url: "https://pos.example.com", locale: "de" })
 * const html = await cm.news()          // `<cm-news data-rendered>…</cm-news>`
 * const booking = cm.booking("loc_123") // `<cm-booking …>` + noscript link
 * ```
 */
export const VERSION = "0.1.0"

export type Locale = "de" | "en" | "pt"
export type StorefrontOptions = {
  /** The customer modules server, e.g. `https://pos.example.com`. */
  url: string
  locale?: Locale
  /** Seconds a fragment is used without asking the server again (default 60). */
  cacheSeconds?: number
  /** Milliseconds to wait for the server (default 3000). */
  timeoutMs?: number
  fetch?: typeof fetch
}

type Entry = { html: string; etag: string | null; fetchedAt: number }

const TEXTS: Record<Locale, { open: string; unavailable: string }> = {
  de: { open: "In neuem Fenster öffnen", unavailable: "Inhalt zurzeit nicht verfügbar." },
  en: { open: "Open in a new window", unavailable: "Content currently unavailable." },
  pt: { open: "Abrir numa nova janela", unavailable: "Conteúdo de momento indisponível." },
}

/** Text for HTML text and quoted attributes. */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;")
}

export function createStorefront(options: StorefrontOptions) {
  const base = options.url.replace(/\/+$/, "")
  const locale = options.locale ?? "de"
  const ttl = (options.cacheSeconds ?? 60) * 1000
  const doFetch = options.fetch ?? fetch
  const cache = new Map<string, Entry>()

  async function fragment(path: string, params: Record<string, string | undefined>): Promise<string> {
    const query = new URLSearchParams({ format: "html", locale: params.locale ?? locale })
    for (const [k, v] of Object.entries(params)) if (v && k !== "locale") query.set(k, v)
    const key = `${path}?${query}`
    const hit = cache.get(key)
    if (hit && Date.now() - hit.fetchedAt < ttl) return hit.html
    try {
      const res = await doFetch(`${base}${key}`, {
        headers: hit?.etag ? { "if-none-match": hit.etag } : {},
        signal: AbortSignal.timeout(options.timeoutMs ?? 3000),
      })
      if (res.status === 304 && hit) {
        hit.fetchedAt = Date.now()
        return hit.html
      }
      if (!res.ok) throw new Error(`HTTP ${res.status}`)
      const html = await res.text()
      cache.set(key, { html, etag: res.headers.get("etag"), fetchedAt: Date.now() })
      return html
    } catch (e) {
      // The last copy that worked, however old: a site shows its content while our server is away.
      if (hit) return hit.html
      throw e
    }
  }

  async function element(tag: string, path: string, params: Record<string, string | undefined>): Promise<string> {
    try {
      return `<${tag} data-rendered>${await fragment(path, params)}</${tag}>`
    } catch {
      return `<${tag}><p class="cm-unavailable">${escapeHtml(TEXTS[(params.locale as Locale) ?? locale].unavailable)}</p></${tag}>`
    }
  }

  function frame(tag: string, path: string, attrs: Record<string, string>, l: Locale = locale): string {
    const url = new URL(path, `${base}/`)
    url.searchParams.set("locale", l)
    const attributes = Object.entries({ ...attrs, locale: l })
      .map(([k, v]) => ` ${k}="${escapeHtml(v)}"`)
      .join("")
    const link = `<a class="cm-fallback" href="${escapeHtml(url.toString())}" target="_blank" rel="noopener">${escapeHtml(TEXTS[l].open)}</a>`
    return `<${tag}${attributes}><noscript>${link}</noscript></${tag}>`
  }

  return {
    /** `<script>` to put once in the page's head; `nonce`: the page's CSP nonce (strict CSPs with nonces). */
    loaderTag: (o: { nonce?: string } = {}) =>
      `<script src="${escapeHtml(`${base}/embed/loader.js`)}" data-locale="${escapeHtml(locale)}"${o.nonce ? ` nonce="${escapeHtml(o.nonce)}"` : ""} async></script>`,
    news: (p: { locale?: Locale; location_id?: string } = {}) => element("cm-news", "/store/cms/news", p),
    faq: (p: { locale?: Locale; category?: string } = {}) => element("cm-faq", "/store/cms/faq", p),
    events: (p: { locale?: Locale } = {}) => element("cm-events", "/store/events", p),
    booking: (location: string, l?: Locale) => frame("cm-booking", `embed/booking?location_id=${encodeURIComponent(location)}`, { location }, l),
    eventRegistration: (event: string, l?: Locale) => frame("cm-event-registration", `embed/events/${encodeURIComponent(event)}`, { event }, l),
    voucherShop: (l?: Locale) => frame("cm-voucher-shop", "embed/vouchers", {}, l),
    topUp: (l?: Locale) => frame("cm-top-up", "embed/top-up", {}, l),
    /** Forgets every cached fragment (the next call asks the server). */
    flush: () => cache.clear(),
  }
}
