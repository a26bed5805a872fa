import { escapeHtml } from "./i18n"

/**
 * Markdown to sanitised HTML. Until core's `markdownToHtml` lands this keeps
 * to paragraphs and line breaks of escaped text (safe, if plain).
 */
export function renderMarkdown(md: string): string {
  const text = md.trim()
  if (!text) {
    return ""
  }
  return text
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, "<br>")}</p>`)
    .join("")
}
