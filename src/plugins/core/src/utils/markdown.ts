import MarkdownIt from "markdown-it"
import sanitizeHtml from "sanitize-html"

/** Longest Markdown source rendered (a news body, an event description); longer input is cut. */
export const MAX_MARKDOWN_LENGTH = 100_000

// Raw HTML in the source stays text; links are checked by markdown-it's validateLink and again by the sanitiser.
const md = new MarkdownIt({ html: false, linkify: true, breaks: false, typographer: false })

const ALLOWED: sanitizeHtml.IOptions = {
  allowedTags: ["p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "em", "del", "s", "code", "pre", "blockquote", "ul", "ol", "li", "a", "img", "table", "thead", "tbody", "tr", "th", "td"],
  allowedAttributes: { a: ["href", "title", "rel"], img: ["src", "alt", "title"], th: ["align"], td: ["align"], ol: ["start"] },
  allowedSchemes: ["https", "http", "mailto", "tel"],
  allowedSchemesByTag: { img: ["https"] },
  allowProtocolRelative: false,
  // Headings of the content sit below the page's own h1.
  transformTags: {
    h1: "h2",
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: "noopener nofollow ugc" } }),
  },
  disallowedTagsMode: "discard",
}

/**
 * Markdown (CommonMark with tables and autolinks) as HTML that is safe to put
 * into any page: no raw HTML from the source, no script or style, no event
 * handlers, only http(s)/mailto/tel links (https for images), headings from h2.
 */
export function markdownToHtml(source: string): string {
  return sanitizeHtml(md.render(source.slice(0, MAX_MARKDOWN_LENGTH)), ALLOWED).trim()
}

/** The plain text of a Markdown source (for JSON-LD, previews and mails), whitespace collapsed. */
export function markdownToText(source: string): string {
  return sanitizeHtml(md.render(source.slice(0, MAX_MARKDOWN_LENGTH)), { allowedTags: [], allowedAttributes: {} })
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, " ")
    .trim()
}
