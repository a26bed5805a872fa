import fs from "fs"
import path from "path"

import type { MedusaResponse } from "@medusajs/medusa"

import { sendEmbedPage } from "@customer-modules/core"

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

/**
 * Sends an `/embed/...` page through core's `sendEmbedPage` (its CSP: scripts
 * only from this server, framing by any site): the plugin's own static script
 * and style, no inline script.
 */
export function sendEmbedHtml(res: MedusaResponse, page: { title: string; lang: EmbedLocale; body: string; script: string; status?: number }): void {
  sendEmbedPage(res, { title: page.title, lang: page.lang, body: page.body, scripts: [page.script], styles: ["/embed/vouchers/style"] }, { status: page.status })
}

export function localeOf(value: unknown): EmbedLocale {
  return value === "en" || value === "pt" ? value : "de"
}
