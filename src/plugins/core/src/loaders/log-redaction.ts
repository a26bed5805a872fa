import type { AwilixContainer } from "awilix"

import { redactText, redactUrl } from "../redact"
import { medusaRequire } from "../utils/medusa-require"

type Morgan = { token(name: string, fn: (req: { originalUrl?: string; url?: string; headers: Record<string, unknown> }) => string | undefined): unknown }

type LogMethod = (...args: unknown[]) => unknown

/** The level of the Reporter's methods that log one message at a fixed level (`log` with one argument logs at info). */
const LEVEL_OF: Partial<Record<string, string>> = { info: "info", debug: "debug", log: "info" }

/** The Reporter's methods whose arguments can carry request data (Medusa's error handler logs every error it answers). */
const REPORTER_METHODS = ["error", "warn", "info", "debug", "log", "failure", "success"] as const

/**
 * Nothing the server logs holds a code, token, e-mail address or name
 * (decision 0065):
 * - Medusa's access log (morgan "combined", set up by its express loader)
 *   writes the URL and the Referer of every request. morgan looks its tokens
 *   up when it writes a line, so `url` and `referrer` are redefined here, on
 *   the morgan Medusa itself loaded, and every line from the first request on
 *   is redacted.
 * - Medusa's logger (the Reporter registered as `logger`) gets every message
 *   and error redacted before it is written: Medusa's error handler logs the
 *   errors it answers, and their messages may quote a code
 *   ("Gift card with code: … was not found").
 */
export default function redactLogs(container: AwilixContainer): void {
  const morgan = medusaRequire<Morgan>("morgan")
  morgan.token("url", (req) => redactUrl(req.originalUrl || req.url))
  morgan.token("referrer", (req) => {
    const referer = (req.headers.referer ?? req.headers.referrer) as string | undefined
    return referer ? redactUrl(referer) : undefined
  })

  const logger = container.resolve<Record<string, unknown>>("logger")
  if ((logger as { __redacted?: boolean }).__redacted) {
    return
  }
  // A message below the log level is dropped before it is redacted or formatted (winston formats
  // every message, its transports filter): Medusa's event bus alone says "Processing … which has
  // N subscribers" for every event it runs.
  const shouldLog = typeof logger.shouldLog === "function" ? (logger.shouldLog as (level: string) => boolean) : () => true
  for (const name of REPORTER_METHODS) {
    const original = logger[name]
    if (typeof original === "function") {
      const level = LEVEL_OF[name]
      logger[name] = ((...args: unknown[]) => {
        if (level && args.length <= 1 && !shouldLog(level)) {
          return undefined
        }
        return (original as LogMethod).apply(logger, args.map(redacted))
      }) as LogMethod
    }
  }
  Object.defineProperty(logger, "__redacted", { value: true })
}

/** A log argument with codes, tokens and addresses blanked; an error is copied, never changed (it is still answered). */
function redacted(arg: unknown): unknown {
  if (typeof arg === "string") {
    return redactText(arg)
  }
  if (arg instanceof Error) {
    const copy = Object.assign(Object.create(Object.getPrototypeOf(arg)) as Error, arg)
    Object.defineProperty(copy, "message", { value: redactText(arg.message), enumerable: false, writable: true, configurable: true })
    Object.defineProperty(copy, "stack", { value: redactText(arg.stack), enumerable: false, writable: true, configurable: true })
    return copy
  }
  if (arg && typeof arg === "object" && typeof (arg as { message?: unknown }).message === "string") {
    return { ...(arg as object), message: redactText((arg as { message: string }).message) }
  }
  return arg
}
