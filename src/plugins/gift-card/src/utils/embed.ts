import path from "path"

import type { MedusaResponse } from "@medusajs/medusa"

import { sendEmbedPage, sendStaticFile } from "@customer-modules/core"
import type { EmbedSources } from "@customer-modules/core"

export type EmbedLocale = "de" | "en" | "pt"

/** The plugin's static embed files (`embed/` next to `dist/`). */
const ASSET_DIR = path.resolve(__dirname, "..", "..", "embed")

export function sendAsset(res: MedusaResponse, name: "voucher-shop.js" | "top-up.js" | "payment.js" | "embed.css"): void {
  sendStaticFile(res, ASSET_DIR, name)
}

/** Where Stripe's Payment Element loads from and talks to (added to a page's CSP only when Stripe is configured). */
const STRIPE: EmbedSources = { script: ["https://js.stripe.com"], frame: ["https://js.stripe.com", "https://hooks.stripe.com"], connect: ["https://api.stripe.com"] }

/**
 * Sends an `/embed/...` page of this plugin through core's `sendEmbedPage` (its
 * own static scripts and style, no inline script, framing by the merchant's
 * allowed origins); with Stripe configured the CSP also admits Stripe's script,
 * frames and API. `topLevel`: the page must not be framed (the hosted payment step).
 */
export function sendEmbedHtml(
  res: MedusaResponse,
  page: { title: string; lang: EmbedLocale; body: string; script: string; status?: number; stripe?: boolean; topLevel?: boolean }
): void {
  sendEmbedPage(
    res,
    { title: page.title, lang: page.lang, body: page.body, scripts: [...new Set(["/embed/checkout/script", page.script])], styles: ["/embed/vouchers/style"] },
    { status: page.status, frameAncestors: page.topLevel ? "none" : undefined, sources: page.stripe ? STRIPE : undefined }
  )
}

export function localeOf(value: unknown): EmbedLocale {
  return value === "en" || value === "pt" ? value : "de"
}
