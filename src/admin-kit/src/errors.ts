/** What a failed admin call says: the API's `{ type, message }`, or the network's own error. */

type ApiError = {
  response?: { status?: number; data?: { type?: unknown; message?: unknown; code?: unknown } | string }
  message?: unknown
}

const asText = (v: unknown): string | undefined => (typeof v === "string" && v.trim() !== "" ? v : undefined)

/** The API's error type ("not_allowed", "invalid_data", …), if the server answered with one. */
export function errorType(e: unknown): string | undefined {
  const data = (e as ApiError)?.response?.data
  return typeof data === "object" && data !== null ? asText(data.type) : undefined
}

/** The HTTP status of a failed call, if the server answered. */
export function errorStatus(e: unknown): number | undefined {
  const status = (e as ApiError)?.response?.status
  return typeof status === "number" ? status : undefined
}

/**
 * One line for a failed call: "message (type)" from the API's `{ type, message }`,
 * else the error's own message (a lost connection), else the value itself.
 */
export function errorText(e: unknown): string {
  if (typeof e === "string") return e
  const err = e as ApiError
  const data = err?.response?.data
  const message = typeof data === "object" && data !== null ? asText(data.message) : asText(data)
  const type = errorType(e)
  if (message) return type ? `${message} (${type})` : message
  if (type) return type
  return asText(err?.message) ?? String(e)
}
