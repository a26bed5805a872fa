import type { BrandingDTO } from "../types"
import { escapeHtml } from "../utils/format"

/** What a template says, before the merchant's layout is applied. Every string is plain text. */
export type MailContent = {
  subject: string
  /** "Hallo Anna," */
  greeting: string
  paragraphs: string[]
  /** Label/value rows (invoice number, amount, …). */
  details?: [string, string][]
  /** A prominent value (voucher code). */
  highlight?: string
  action?: { label: string; url: string }
  closing: string
  /** Marketing mails: the link that ends them, in the footer (and the List-Unsubscribe header). */
  unsubscribe?: { label: string; url: string }
}

export type RenderedMail = { subject: string; html: string; text: string; unsubscribe_url?: string }

/** Only https/http URLs become links or images; anything else is dropped. */
const safeUrl = (url: string): string | null => (/^https?:\/\/[^\s"'<>]+$/.test(url) ? url : null)
const safeLogo = (logo: string | null): string | null =>
  logo && (/^data:image\/(png|jpeg);base64,[A-Za-z0-9+/=]+$/.test(logo) || safeUrl(logo)) ? logo : null

/** The branding's colours where they are `#rrggbb`, the defaults otherwise (they go into inline CSS). */
export function brandColors(branding: BrandingDTO): { primary: string; secondary: string } {
  const hex = (c: string, fallback: string) => (/^#[0-9a-fA-F]{6}$/.test(c) ? c : fallback)
  return { primary: hex(branding.primary_color, "#1f2937"), secondary: hex(branding.secondary_color, "#f59e0b") }
}

/** The merchant's mail layout: logo or name on a coloured bar, the content, the legal footer. */
export function renderLayout(content: MailContent, branding: BrandingDTO): RenderedMail {
  const e = escapeHtml
  const { primary, secondary } = brandColors(branding)
  const logo = safeLogo(branding.logo)
  const action = content.action && safeUrl(content.action.url) ? content.action : undefined
  const unsubscribe = content.unsubscribe && safeUrl(content.unsubscribe.url) ? content.unsubscribe : undefined
  const footerLines = [
    branding.sender_name,
    ...branding.company_address,
    branding.vat_id ? `VAT ID / USt-IdNr.: ${branding.vat_id}` : "",
    branding.footer_text ?? "",
  ].filter(Boolean)

  const html = `<!doctype html>
<html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${e(content.subject)}</title></head>
<body style="margin:0;padding:0;background:#f3f4f6;font-family:Helvetica,Arial,sans-serif;color:#111827">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center" style="padding:24px">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" style="max-width:600px;background:#ffffff;border-radius:6px;overflow:hidden">
<tr><td style="background:${primary};padding:20px 24px;color:#ffffff;font-size:20px;font-weight:bold">${
    logo ? `<img src="${e(logo)}" alt="${e(branding.sender_name)}" style="max-height:48px;max-width:240px">` : e(branding.sender_name)
  }</td></tr>
<tr><td style="height:4px;background:${secondary}"></td></tr>
<tr><td style="padding:24px;font-size:15px;line-height:1.5">
<p style="margin:0 0 16px">${e(content.greeting)}</p>
${content.paragraphs.map((p) => `<p style="margin:0 0 16px">${e(p).replace(/\n/g, "<br>")}</p>`).join("\n")}
${
  content.highlight
    ? `<p style="margin:0 0 16px;padding:12px;border:2px dashed ${secondary};text-align:center;font-size:22px;font-weight:bold;letter-spacing:2px">${e(content.highlight)}</p>`
    : ""
}${
    content.details?.length
      ? `<table role="presentation" cellpadding="4" cellspacing="0" style="margin:0 0 16px;border-collapse:collapse">${content.details
          .map(([k, v]) => `<tr><td style="color:#6b7280;padding-right:16px">${e(k)}</td><td style="font-weight:bold">${e(v)}</td></tr>`)
          .join("")}</table>`
      : ""
  }${
    action
      ? `<p style="margin:0 0 16px"><a href="${e(action.url)}" style="display:inline-block;background:${primary};color:#ffffff;padding:10px 18px;border-radius:4px;text-decoration:none">${e(action.label)}</a></p>`
      : ""
  }
<p style="margin:0">${e(content.closing).replace(/\n/g, "<br>")}</p>
</td></tr>
<tr><td style="padding:16px 24px;background:#f9fafb;color:#6b7280;font-size:12px;line-height:1.4">${footerLines
    .map((l) => e(l).replace(/\n/g, "<br>"))
    .join("<br>")}${unsubscribe ? `<br><br><a href="${e(unsubscribe.url)}" style="color:#6b7280">${e(unsubscribe.label)}</a>` : ""}</td></tr>
</table></td></tr></table></body></html>`

  const text = [
    content.greeting,
    "",
    ...content.paragraphs.flatMap((p) => [p, ""]),
    ...(content.highlight ? [content.highlight, ""] : []),
    ...(content.details?.length ? [...content.details.map(([k, v]) => `${k}: ${v}`), ""] : []),
    ...(action ? [`${action.label}: ${action.url}`, ""] : []),
    content.closing,
    "",
    "-- ",
    ...footerLines,
    ...(unsubscribe ? ["", `${unsubscribe.label}: ${unsubscribe.url}`] : []),
  ].join("\n")

  return { subject: content.subject, html, text, ...(unsubscribe ? { unsubscribe_url: unsubscribe.url } : {}) }
}
