import type { BrandingDTO } from "../types"
import { brandColors } from "./layout"
import { escapeHtml } from "../utils/format"

/** A small public page in the merchant's design, for links in mails (unsubscribe and the like). */
export type PageContent = {
  title: string
  paragraphs: string[]
  /** One button that POSTs to `action` (a path on this server). */
  form?: { action: string; button: string }
}

/** The page as a complete HTML document; every string is plain text and escaped here. */
export function renderPage(content: PageContent, branding: BrandingDTO): string {
  const e = escapeHtml
  const { primary } = brandColors(branding)
  const form = content.form && content.form.action.startsWith("/") ? content.form : undefined
  return `<!doctype html>
<html lang="${e(branding.default_locale)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><meta name="robots" content="noindex">
<title>${e(content.title)} · ${e(branding.sender_name)}</title></head>
<body style="margin:0;background:#f3f4f6;font-family:Helvetica,Arial,sans-serif;color:#111827">
<main style="max-width:560px;margin:40px auto;background:#fff;border-radius:6px;overflow:hidden">
<div style="background:${primary};color:#fff;padding:20px 24px;font-size:20px;font-weight:bold">${e(branding.sender_name)}</div>
<div style="padding:24px;font-size:15px;line-height:1.5">
<h1 style="font-size:20px;margin:0 0 16px">${e(content.title)}</h1>
${content.paragraphs.map((p) => `<p style="margin:0 0 16px">${e(p)}</p>`).join("\n")}
${
  form
    ? `<form method="post" action="${e(form.action)}"><button type="submit" style="background:${primary};color:#fff;border:0;border-radius:4px;padding:10px 18px;font-size:15px;cursor:pointer">${e(form.button)}</button></form>`
    : ""
}
</div></main></body></html>`
}
