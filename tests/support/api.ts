/**
 * The HTTP client tests use against the running server, with admin login and
 * (for POS routes) terminal-key helpers.
 */
import { inject } from "vitest"

export type ApiResponse<T = any> = {
  status: number
  headers: Headers
  body: T
  text: string
}

export type RequestOptions = {
  method?: string
  body?: unknown
  /** Sent as is (for malformed JSON tests) instead of JSON-encoding `body`. */
  rawBody?: string
  token?: string
  headers?: Record<string, string>
  baseUrl?: string
}

export async function api<T = any>(path: string, opts: RequestOptions = {}): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...opts.headers }
  if (opts.token) {
    headers.authorization = `Bearer ${opts.token}`
  }
  let body: string | undefined
  if (opts.rawBody !== undefined) {
    body = opts.rawBody
    headers["content-type"] ??= "application/json"
  } else if (opts.body !== undefined) {
    body = JSON.stringify(opts.body)
    headers["content-type"] = "application/json"
  }
  const res = await fetch(`${opts.baseUrl ?? inject("baseUrl")}${path}`, {
    method: opts.method ?? (body === undefined ? "GET" : "POST"),
    headers,
    body,
  })
  const text = await res.text()
  let parsed: unknown = text
  try {
    parsed = text ? JSON.parse(text) : undefined
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, headers: res.headers, body: parsed as T, text }
}

const tokens = new Map<string, string>()

/** A JWT for the admin API (Medusa's /admin/auth/token), cached per server and user. */
export async function adminToken(
  credentials = { email: inject("adminEmail"), password: inject("adminPassword") },
  baseUrl = inject("baseUrl")
): Promise<string> {
  const cacheKey = `${baseUrl} ${credentials.email}`
  const cached = tokens.get(cacheKey)
  if (cached) {
    return cached
  }
  const res = await api<{ access_token: string }>("/admin/auth/token", { body: credentials, baseUrl })
  if (res.status !== 200) {
    throw new Error(`admin login failed: ${res.status} ${res.text}`)
  }
  tokens.set(cacheKey, res.body.access_token)
  return res.body.access_token
}

/** Calls the admin API as the configured admin user. */
export async function adminApi<T = any>(path: string, opts: RequestOptions = {}): Promise<ApiResponse<T>> {
  return api<T>(path, { ...opts, token: await adminToken(undefined, opts.baseUrl) })
}
