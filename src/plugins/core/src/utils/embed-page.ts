import type { MedusaResponse } from "@medusajs/medusa"

export type EmbedPage = {
  title: string
  /** `de`, `en` or `pt`. */
  lang: string
  /** The page's markup (escape everything that comes from data: `escapeHtml`). */
  body: string
  /** Same-origin script URLs (`/embed/booking.js`), loaded with `defer`; no inline script. */
  scripts?: string[]
  /** Same-origin stylesheet URLs. */
  styles?: string[]
  /** `<meta name="description">`. */
  description?: string
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }

/** Text or an attribute value for HTML. */
export function escapeHtml(value: unknown): string {
  return String(value ?? "").replace(/[&<>"']/g, (c) => ESCAPES[c])
}

const sameOrigin = (url: string) => /^\/(?!\/)[^\s"'<>]*$/.test(url)

/** The base styles every embed page shares: readable on a phone, inheriting nothing from a site. */
const BASE_STYLE =
  "*,*::before,*::after{box-sizing:border-box}body{margin:0;padding:16px;font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#111827;background:#fff}" +
  "button,input,select,textarea{font:inherit}:focus-visible{outline:3px solid #2563eb;outline-offset:2px}"

/**
 * An `/embed/...` page as an HTML document: made for an iframe on the merchant's
 * site and working on its own. Scripts and styles are same-origin files only
 * (a strict CSP without inline script), the base style is inline (allowed by
 * its hash-free `style-src 'unsafe-inline'`, which carries no script risk).
 */
export function embedPage(page: EmbedPage): string {
  const scripts = (page.scripts ?? []).filter(sameOrigin).map((s) => `<script src="${escapeHtml(s)}" defer></script>`)
  const styles = (page.styles ?? []).filter(sameOrigin).map((s) => `<link rel="stylesheet" href="${escapeHtml(s)}">`)
  return [
    "<!doctype html>",
    `<html lang="${escapeHtml(page.lang)}">`,
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="strict-origin-when-cross-origin">',
    `<title>${escapeHtml(page.title)}</title>`,
    page.description ? `<meta name="description" content="${escapeHtml(page.description)}">` : "",
    `<style>${BASE_STYLE}</style>`,
    ...styles,
    ...scripts,
    "</head>",
    `<body>${page.body}</body>`,
    "</html>",
  ]
    .filter(Boolean)
    .join("\n")
}

type AncestorsSource = () => readonly string[] | null | undefined
/** The origins that may frame embed pages, as a plugin (cms: the "Website" page's list) registered them; one per process, across copies of this module. */
const ANCESTORS = Symbol.for("customer-modules.embed-ancestors")
const registry = globalThis as unknown as { [ANCESTORS]?: AncestorsSource | null }

/**
 * Registers where `sendEmbedPage` reads the origins allowed to frame every
 * `/embed/...` page (CSP `frame-ancestors`). The function is called for each
 * page, so it must answer at once (from a cache); an empty list or none keeps
 * the default, any site. The last registration wins.
 */
export function registerEmbedAncestors(fn: AncestorsSource | null): void {
  registry[ANCESTORS] = fn
}

/** Only well-formed origins reach the header (a list that could smuggle a directive is ignored). */
const ORIGIN = /^https?:\/\/[a-z0-9.-]+(?::\d{1,5})?$/i

/** Third-party origins one page may use besides its own (a payment provider's script, API and frames). */
export type EmbedSources = { script?: string[]; connect?: string[]; frame?: string[] }

export type SendEmbedPageOptions = {
  status?: number
  /** Who may frame the page: these origins, or "none" (a page that must be top-level); default the registered origins. */
  frameAncestors?: string[] | "none"
  sources?: EmbedSources
}

/**
 * Sends an embed page with its security headers: scripts only from this
 * server (and `sources`), no plugins, framing allowed for `frameAncestors`,
 * else for the registered origins (`registerEmbedAncestors`), else for any
 * site (the merchant's website embeds it).
 */
export function sendEmbedPage(res: MedusaResponse, page: EmbedPage, opts: SendEmbedPageOptions = {}): void {
  let ancestors = "'none'"
  if (opts.frameAncestors !== "none") {
    const list = (opts.frameAncestors ?? registry[ANCESTORS]?.() ?? []).filter((o) => ORIGIN.test(o))
    ancestors = list.length ? list.join(" ") : "*"
  }
  const extra = (list: string[] | undefined) => (list ?? []).filter((o) => ORIGIN.test(o)).map((o) => ` ${o}`).join("")
  const frames = extra(opts.sources?.frame)
  res.setHeader(
    "Content-Security-Policy",
    [
      "default-src 'self'",
      `script-src 'self'${extra(opts.sources?.script)}`,
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: https:",
      `connect-src 'self'${extra(opts.sources?.connect)}`,
      ...(frames ? [`frame-src${frames}`] : []),
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'self' https:",
      `frame-ancestors ${ancestors}`,
    ].join("; ")
  )
  res.setHeader("X-Content-Type-Options", "nosniff")
  res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin")
  res.setHeader("Cache-Control", "no-store")
  res.status(opts.status ?? 200).type("html").send(embedPage(page))
}
