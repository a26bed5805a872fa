/**
 * Logs never hold codes, tokens, e-mail addresses or names (DESIGN: Security).
 * Codes travel in URL paths by contract (`/store/pos/cards/:code`), tokens and
 * search terms in query strings: these helpers blank them before anything is
 * written to a log. See decision 0065.
 */

/** What stands in a log where a code, token or personal datum was. */
export const REDACTED = "[redacted]"

/** Path segments after which the next segment is a code (or a customer's key), unless it is a static word or an entity id. */
const CODE_AFTER = new Set([
  "cards",
  "gift-cards",
  "prepaid-cards",
  "customers",
  "loyalty",
  "customer-accounts",
  "staff-cards",
  "vouchers",
  "unsubscribe",
  "tokens",
])

/** Static route words that follow those segments in our routes and Medusa's: kept, they say which route it was. */
const STATIC_WORDS = new Set([
  "analysis",
  "batch",
  "birthdays",
  "cards",
  "customers",
  "expire",
  "export",
  "groups",
  "liability",
  "me",
  "orders",
  "password-reset",
  "password-token",
  "reactivation",
  "rewards",
  "settings",
  "top-ups",
  "unsubscribe",
])

/** A Medusa entity id (`cus_01H…`, `ltx_01H…`): a prefix and a ULID, no secret. */
const ENTITY_ID = /^[a-z]{1,12}_[0-9A-HJKMNP-TV-Z]{26}$/i

const EMAIL = /[^\s"'<>()[\]{},;:/?#]+@[^\s"'<>()[\]{},;:/?#]+\.[^\s"'<>()[\]{},;:/?#]+/g
const IS_EMAIL = new RegExp(EMAIL.source)

/**
 * A request path (and query) fit for a log: the segment after a code-taking
 * segment is blanked unless it is a static word or an entity id, every query
 * value is blanked (names are kept), and so is the fragment.
 *
 * `/store/pos/cards/ABCD-1234?x=1` → `/store/pos/cards/[redacted]?x=[redacted]`
 */
export function redactUrl(url: string | undefined | null): string {
  if (!url) {
    return ""
  }
  const absolute = /^([a-z][a-z0-9+.-]*:\/\/[^/?#]*)(.*)$/i.exec(url)
  const origin = absolute ? absolute[1] : ""
  let rest = absolute ? absolute[2] : url
  const hash = rest.indexOf("#")
  if (hash >= 0) {
    rest = `${rest.slice(0, hash)}#${REDACTED}`
  }
  const [path, ...queryParts] = rest.split("?")
  const segments = path.split("/")
  for (let i = 1; i < segments.length; i++) {
    const previous = safeDecode(segments[i - 1]).toLowerCase()
    const segment = safeDecode(segments[i])
    if (CODE_AFTER.has(previous) && segment !== "" && !STATIC_WORDS.has(segment.toLowerCase()) && !ENTITY_ID.test(segment)) {
      segments[i] = REDACTED
    } else if (IS_EMAIL.test(segment)) {
      segments[i] = REDACTED
    }
  }
  let out = origin + segments.join("/")
  if (queryParts.length) {
    const query = queryParts.join("?")
    const [beforeHash, fragment] = query.split("#")
    const params = beforeHash
      .split("&")
      .filter((p) => p !== "")
      .map((p) => {
        const eq = p.indexOf("=")
        const name = eq < 0 ? p : p.slice(0, eq)
        return `${redactText(safeDecode(name)).slice(0, 40)}=${REDACTED}`
      })
    out += `?${params.join("&")}${fragment !== undefined ? `#${fragment}` : ""}`
  }
  return out
}

/** What follows "code", "token" or "uid" in a message ("Gift card with code: ABCD-1234 was not found"), when it looks like one (a digit, a capital or a dash). */
const NAMED_SECRET = /\b([Cc]odes?|CODES?|[Tt]okens?|TOKENS?|[Uu]id|UID)(\s*[:=]\s*|\s+)(["'`]?)(?=[^\s"'`,;]*[0-9A-Z-])[^\s"'`,;]+/g
/** A generated code as printed (groups of four, dashed) anywhere in a text. */
const PRINTED_CODE = /\b[0-9A-Z]{4}(?:-[0-9A-Z]{4}){2,}\b/g

/**
 * Free text (an error message, a stack) with e-mail addresses, URLs (as
 * `redactUrl` does) and codes that a message names blanked. A best effort for
 * messages we do not write ourselves; our own messages name no code.
 */
export function redactText(text: string | undefined | null): string {
  if (!text) {
    return ""
  }
  return text
    .replace(/(?:[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]+|(?<=^|[\s"'(=])\/(?:store|admin|embed)\/[^\s"'<>]*)/gi, (m) => redactUrl(m))
    .replace(EMAIL, REDACTED)
    .replace(NAMED_SECRET, (_m, word: string, sep: string, quote: string) => `${word}${sep}${quote}${REDACTED}`)
    .replace(PRINTED_CODE, REDACTED)
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s)
  } catch {
    return s
  }
}
