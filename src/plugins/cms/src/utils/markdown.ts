import { marked } from "marked"
import sanitizeHtml from "sanitize-html"

/**
 * Markdown → HTML that is safe to put on the merchant's website: no script,
 * no styles, no event handlers, no `javascript:`/`data:` links; links to other
 * sites open with `rel="noopener noreferrer"`. Raw HTML in the Markdown is
 * sanitised the same way (kept only where it is plain markup).
 */
export function markdownToHtml(md: string): string {
  const raw = marked.parse(md, { async: false, gfm: true, breaks: false }) as string
  return sanitizeHtml(raw, {
    allowedTags: [
      "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "b", "em", "i", "u", "s", "del", "code", "pre", "blockquote",
      "ul", "ol", "li", "a", "img", "table", "thead", "tbody", "tr", "th", "td", "sup", "sub", "mark", "small",
    ],
    allowedAttributes: { a: ["href", "title", "rel", "target"], img: ["src", "alt", "title", "width", "height"], th: ["align"], td: ["align"], ol: ["start"] },
    allowedSchemes: ["http", "https", "mailto", "tel"],
    allowedSchemesByTag: { img: ["https", "http"] },
    allowProtocolRelative: false,
    disallowedTagsMode: "discard",
    transformTags: {
      // A heading of the body sits below the item's own title (h3).
      h1: "h4",
      a: (tagName, attribs) => ({
        tagName,
        attribs: /^https?:/i.test(attribs.href ?? "") ? { ...attribs, rel: "noopener noreferrer" } : attribs,
      }),
    },
  })
}

/** The plain text of some Markdown (for JSON-LD and summaries). */
export function markdownToText(md: string): string {
  return sanitizeHtml(markdownToHtml(md), { allowedTags: [], allowedAttributes: {} })
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim()
}
