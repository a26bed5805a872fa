import type MarkdownIt from "markdown-it"
import type sanitizeHtml from "sanitize-html"

/** Longest Markdown source rendered (a news body, an event description); longer input is cut. */
export const MAX_MARKDOWN_LENGTH = 100_000

let loaded: { md: MarkdownIt; sanitize: typeof sanitizeHtml } | undefined

/**
 * markdown-it and sanitize-html, loaded where first used: only the routes that show news or
 * events need them, not every API process (about 10 MB of RSS, decision 165).
 */
function lib(): { md: MarkdownIt; sanitize: typeof sanitizeHtml } {
  if (!loaded) {
    /* eslint-disable @typescript-eslint/no-require-imports */
    const Markdown = require("markdown-it") as typeof MarkdownIt
    const sanitize = require("sanitize-html") as typeof sanitizeHtml
    /* eslint-enable @typescript-eslint/no-require-imports */
    // Raw HTML in the source stays text; links are checked by markdown-it's validateLink and again by the sanitiser.
    loaded = { md: new Markdown({ html: false, linkify: true, breaks: false, typographer: false }), sanitize }
  }
  return loaded
}

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
  const { md, sanitize } = lib()
  return sanitize(md.render(source.slice(0, MAX_MARKDOWN_LENGTH)), ALLOWED).trim()
}

/** The plain text of a Markdown source (for JSON-LD, previews and mails), whitespace collapsed. */
export function markdownToText(source: string): string {
  const { md, sanitize } = lib()
  return sanitize(md.render(source.slice(0, MAX_MARKDOWN_LENGTH)), { allowedTags: [], allowedAttributes: {} })
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, " ")
    .trim()
}
