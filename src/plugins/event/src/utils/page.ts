import type { MedusaResponse } from "@medusajs/medusa"

import { escapeHtml } from "./i18n"

/**
 * An HTML document for the `/embed/events/...` pages (made for an iframe,
 * working on their own too): no inline script or style, only this plugin's
 * static files. Stands in for core's `embedPage` until it lands.
 */
export function embedPage(p: { title: string; lang: string; body: string; scripts?: string[]; styles?: string[] }): string {
  const styles = (p.styles ?? []).map((s) => `<link rel="stylesheet" href="${escapeHtml(s)}">`).join("\n  ")
  const scripts = (p.scripts ?? []).map((s) => `<script src="${escapeHtml(s)}" defer></script>`).join("\n  ")
  return `<!doctype html>
<html lang="${escapeHtml(p.lang)}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(p.title)}</title>
  ${styles}
  ${scripts}
</head>
<body class="cm-embed">
${p.body}
</body>
</html>
`
}

/** Sends a page with a CSP that allows only this server's scripts and styles and lets any site frame it. */
export function sendEmbedPage(res: MedusaResponse, html: string, status = 200): void {
  res.setHeader(
    "Content-Security-Policy",
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' https: data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors *"
  )
  res.setHeader("X-Content-Type-Options", "nosniff")
  res.setHeader("Cache-Control", "no-store")
  res.setHeader("Referrer-Policy", "no-referrer")
  res.status(status).type("html").send(html)
}
