/** Text for an HTML text node or a quoted attribute. */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;")
}

/**
 * A JSON-LD block. It is data (`type="application/ld+json"`), not a script a
 * browser runs; `<`, `>` and `&` are escaped so no text can close the element.
 */
export function jsonLd(data: unknown): string {
  const json = JSON.stringify(data).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026")
  return `<script type="application/ld+json">${json}</script>`
}
