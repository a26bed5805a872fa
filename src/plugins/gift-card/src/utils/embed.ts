import path from "path"

import type { MedusaResponse } from "@medusajs/medusa"

import { sendEmbedPage, sendStaticFile } from "@customer-modules/core"

export type EmbedLocale = "de" | "en" | "pt"

/** The plugin's static embed files (`embed/` next to `dist/`). */
const ASSET_DIR = path.resolve(__dirname, "..", "..", "embed")

export function sendAsset(res: MedusaResponse, name: "voucher-shop.js" | "top-up.js" | "embed.css"): void {
  sendStaticFile(res, ASSET_DIR, name)
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
