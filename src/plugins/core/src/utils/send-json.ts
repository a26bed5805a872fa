import type { ServerResponse } from "http"

/**
 * Writes a JSON answer straight to the socket: what express's `res.status().json()` writes
 * (status, `application/json; charset=utf-8`, length, body) without its ETag hash, charset
 * parsing and freshness check, which mean nothing for an answer that must not be cached.
 * For the POS answers (balances, one till's own calls), hence `Cache-Control: no-store`.
 */
export function sendUncachedJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body) ?? ""
  res.statusCode = status
  for (const name in headers) {
    res.setHeader(name, headers[name])
  }
  res.setHeader("Cache-Control", "no-store")
  res.setHeader("Content-Type", "application/json; charset=utf-8")
  res.setHeader("Content-Length", Buffer.byteLength(text))
  res.end(text)
}
