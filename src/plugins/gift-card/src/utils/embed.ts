import path from "path"

import type { MedusaResponse } from "@medusajs/medusa"

import { embedPage, sendStaticFile } from "@customer-modules/core"

export type EmbedLocale = "de" | "en" | "pt"

/** The plugin's static embed files (`embed/` next to `dist/`). */
const ASSET_DIR = path.resolve(__dirname, "..", "..", "embed")

export function sendAsset(res: MedusaResponse, name: "voucher-shop.js" | "top-up.js" | "payment.js" | "embed.css"): void {
  sendStaticFile(res, ASSET_DIR, name)
}

/** Where Stripe's Payment Element loads from and talks to (added to a page's CSP only when Stripe is configured). */
const STRIPE = { script: "https://js.stripe.com", frame: "https://js.stripe.com https://hooks.stripe.com", connect: "https://api.stripe.com" }

/**
 * Sends an `/embed/...` page of this plugin: core's `embedPage` markup (its
 * own static scripts and style, no inline script) with core's security headers;
 * with Stripe configured the CSP also admits Stripe's script, frames and API.
 * `topLevel`: the page must not be framed (the hosted payment step).
 */
export function sendEmbedHtml(
  res: MedusaResponse,
  page: { title: string; lang: EmbedLocale; body: string; script: string; status?: number; stripe?: boolean; topLevel?: boolean }
): void {
  const stripe = Boolean(page.stripe)
  res.setHeader(
    "Content-Security-Policy",
    [
      "default-src 'self'",
      `script-src 'self'${stripe ? ` ${STRIPE.script}` : ""}`,
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: https:",
      `connect-src 'self'${stripe ? ` ${STRIPE.connect}` : ""}`,
      ...(stripe ? [`frame-src ${STRIPE.frame}`] : []),
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'self' https:",
      `frame-ancestors ${page.topLevel ? "'none'" : "*"}`,
    ].join("; ")
  )
  res.setHeader("X-Content-Type-Options", "nosniff")
  res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin")
  res.setHeader("Cache-Control", "no-store")
  const html = embedPage({ title: page.title, lang: page.lang, body: page.body, scripts: [...new Set(["/embed/checkout/script", page.script])], styles: ["/embed/vouchers/style"] })
  res.status(page.status ?? 200).type("html").send(html)
}

export function localeOf(value: unknown): EmbedLocale {
  return value === "en" || value === "pt" ? value : "de"
}
