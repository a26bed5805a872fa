import { markdownToHtml, markdownToText } from "@customer-modules/core"

/** An event's Markdown description as sanitised HTML (core's renderer: no raw HTML, no script, no `javascript:`). */
export function renderMarkdown(md: string): string {
  return md.trim() ? markdownToHtml(md) : ""
}

/** The plain text of a description (JSON-LD, calendar files, mails). */
export function plainText(md: string | null): string {
  return md?.trim() ? markdownToText(md) : ""
}
