import fs from "fs"
import path from "path"

import type { MedusaResponse } from "@medusajs/medusa"

export type EmbedLocale = "de" | "en" | "pt"

/** The plugin's static embed files (`embed/` next to `dist/`), read once. */
const ASSET_DIR = path.resolve(__dirname, "..", "..", "embed")
const cache = new Map<string, string>()

export function embedAsset(name: "voucher-shop.js" | "top-up.js" | "embed.css"): string {
  let text = cache.get(name)
  if (text === undefined) {
    text = fs.readFileSync(path.join(ASSET_DIR, name), "utf-8")
    cache.set(name, text)
  }
  return text
}

export function sendAsset(res: MedusaResponse, name: "voucher-shop.js" | "top-up.js" | "embed.css"): void {
  res.setHeader("Content-Type", name.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8")
  res.setHeader("Cache-Control", "public, max-age=300")
  res.setHeader("X-Content-Type-Options", "nosniff")
  res.send(embedAsset(name))
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!)
}

/**
 * Sends an `/embed/...` page: an HTML document that runs only its own static
 * script and style (no inline script), may be framed by any site (the
 * merchant's homepage), and sends no referrer. Until core's
 * `embedPage`/`sendEmbedPage` land this sets the same headers itself.
 */
export function sendEmbedHtml(res: MedusaResponse, page: { title: string; lang: EmbedLocale; body: string; script: string }): void {
  res.setHeader("Content-Type", "text/html; charset=utf-8")
  res.setHeader(
    "Content-Security-Policy",
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors *"
  )
  res.setHeader("Referrer-Policy", "no-referrer")
  res.setHeader("X-Content-Type-Options", "nosniff")
  res.setHeader("Cache-Control", "no-store")
  res.removeHeader("X-Frame-Options")
  res.send(`<!doctype html>
<html lang="${page.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.title)}</title>
<link rel="stylesheet" href="/embed/vouchers/style">
<script src="${page.script}" defer></script>
</head>
<body>
${page.body}
</body>
</html>`)
}

export function localeOf(value: unknown): EmbedLocale {
  return value === "en" || value === "pt" ? value : "de"
}
