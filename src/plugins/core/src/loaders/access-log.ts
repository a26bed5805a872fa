import path from "path"

import { redactUrl } from "../redact"

type Morgan = { token(name: string, fn: (req: { originalUrl?: string; url?: string; headers: Record<string, unknown> }) => string | undefined): unknown }

/**
 * Medusa's access log (morgan "combined", set up by its express loader) writes
 * the URL and the Referer of every request: codes, tokens and search terms
 * among them. morgan looks its tokens up when it writes a line, so redefining
 * `url` and `referrer` here, on the morgan Medusa itself loaded, redacts every
 * line from the first request on.
 */
export default function redactAccessLog(): void {
  const medusaDir = path.dirname(require.resolve("@medusajs/medusa"))
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const morgan = require(require.resolve("morgan", { paths: [medusaDir] })) as Morgan
  morgan.token("url", (req) => redactUrl(req.originalUrl || req.url))
  morgan.token("referrer", (req) => {
    const referer = (req.headers.referer ?? req.headers.referrer) as string | undefined
    return referer ? redactUrl(referer) : undefined
  })
}
