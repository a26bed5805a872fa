import type { IncomingMessage, ServerResponse } from "http"

type Request = IncomingMessage & { body?: unknown; _body?: boolean }
type Next = (err?: unknown) => void

/** Bodies up to this size are read here; larger ones (and everything unusual) are left to Medusa's body parsers, with their limits. */
const SMALL_JSON_BODY_BYTES = 16 * 1024
const PLAIN_JSON = /^application\/json\s*(?:;\s*charset\s*=\s*"?utf-8"?\s*)?$/i

/** An error shaped as body-parser's (http-errors with a dotted `type`), so the error handler answers it alike: 400 `invalid_json`. */
function bodyError(message: string, type: string): Error {
  return Object.assign(new Error(message), { status: 400, statusCode: 400, expose: true, type })
}

/**
 * What Medusa's JSON body parser (body-parser `json()`, strict) does for the small plain
 * JSON bodies of the front door's routes, without its content-type parsing, decoder and
 * stream helpers, and without the text and urlencoded parsers Medusa puts after it: they,
 * like it, skip a request whose `_body` is set (decision 182).
 *
 * Read here only: `Content-Type: application/json` (optionally `charset=utf-8`), a
 * `Content-Length` of at most 16 KiB, no `Content-Encoding` or `Transfer-Encoding`. Anything
 * else goes on untouched to Medusa's parsers. As body-parser: an empty body is `{}`, a UTF-8
 * byte order mark is dropped, the top level must be an object or an array, a body of another
 * length than announced or not valid JSON is a 400.
 */
export function smallJsonBody(): (req: Request, res: ServerResponse, next: Next) => void {
  return (req, _res, next) => {
    const headers = req.headers
    const announced = headers["content-length"]
    if (
      req._body ||
      announced === undefined ||
      headers["transfer-encoding"] !== undefined ||
      headers["content-encoding"] !== undefined ||
      !PLAIN_JSON.test(headers["content-type"] ?? "")
    ) {
      return next()
    }
    if (!/^\d+$/.test(announced) || Number(announced) > SMALL_JSON_BODY_BYTES) {
      return next()
    }
    const length = Number(announced)
    req._body = true
    req.body = {}
    const chunks: Buffer[] = []
    let received = 0
    let done = false
    const finish = (err?: unknown) => {
      if (done) {
        return
      }
      done = true
      req.removeListener("data", onData)
      req.removeListener("end", onEnd)
      req.removeListener("error", finish)
      req.removeListener("aborted", onAborted)
      next(err)
    }
    const onData = (chunk: Buffer) => {
      received += chunk.length
      if (received > length) {
        finish(bodyError("request size did not match content length", "request.size.invalid"))
        return
      }
      chunks.push(chunk)
    }
    const onAborted = () => finish(bodyError("request aborted", "request.aborted"))
    const onEnd = () => {
      if (received !== length) {
        return finish(bodyError("request size did not match content length", "request.size.invalid"))
      }
      let text = chunks.length === 1 ? chunks[0].toString("utf-8") : Buffer.concat(chunks).toString("utf-8")
      if (text.charCodeAt(0) === 0xfeff) {
        text = text.slice(1)
      }
      if (text.length === 0) {
        return finish()
      }
      const first = /^[\x20\x09\x0a\x0d]*(.)/.exec(text)?.[1]
      if (first !== "{" && first !== "[") {
        return finish(bodyError(`Unexpected token ${first ?? "end"} in JSON: the body must be an object or an array`, "entity.parse.failed"))
      }
      try {
        req.body = JSON.parse(text)
      } catch (e) {
        return finish(bodyError((e as Error).message, "entity.parse.failed"))
      }
      finish()
    }
    req.on("data", onData)
    req.on("end", onEnd)
    req.on("error", finish)
    req.on("aborted", onAborted)
  }
}
