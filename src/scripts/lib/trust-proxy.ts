/**
 * TRUST_PROXY: which reverse proxies may tell the server the client's address
 * (X-Forwarded-For), as Express's "trust proxy" setting. The per-IP limits
 * (calls without a valid terminal key, public code lookups) count `req.ip`,
 * so this decides whether they count the client or the proxy.
 *
 * - unset: `loopback` — a proxy on the same machine (127.0.0.0/8, ::1) is
 *   trusted; a client reaching the server directly cannot choose its address.
 * - `0`: no proxy; `req.ip` is the peer of the connection.
 * - a whole number N: the last N hops are proxies (behind a load balancer and
 *   one more proxy: 2).
 * - a comma-separated list of addresses, subnets (`10.0.0.0/8`) and the names
 *   `loopback`, `linklocal`, `uniquelocal`: the proxies by address.
 * `true` (trust every hop, so every client picks its own address) is refused.
 */
import { createRequire } from "module"
import path from "path"

export type TrustProxy = number | string[]

const NAMES = new Set(["loopback", "linklocal", "uniquelocal"])
const MAX_HOPS = 10

export function parseTrustProxy(raw: string | undefined): TrustProxy {
  const value = (raw ?? "").trim()
  if (value === "") {
    return ["loopback"]
  }
  if (/^\d+$/.test(value)) {
    const hops = Number(value)
    if (hops > MAX_HOPS) {
      throw new Error(`TRUST_PROXY: at most ${MAX_HOPS} proxy hops (got ${value})`)
    }
    return hops
  }
  if (/^(true|yes|all|\*)$/i.test(value)) {
    throw new Error(
      "TRUST_PROXY: trusting every hop would let each client choose its own address; give the number of proxies or their addresses"
    )
  }
  const list = value.split(",").map((s) => s.trim()).filter(Boolean)
  // proxy-addr (Express's own parser) refuses what is not an address or subnet.
  const compile = proxyAddr().compile
  for (const entry of list) {
    if (NAMES.has(entry)) continue
    try {
      compile(entry)
    } catch {
      throw new Error(`TRUST_PROXY: "${entry}" is neither an IP address, a subnet, nor one of loopback, linklocal, uniquelocal`)
    }
  }
  return list
}

/** The folder of the express that Medusa itself loads (not whatever another package brought). */
function expressDir(): string {
  const medusaDir = path.dirname(require.resolve("@medusajs/medusa/package.json"))
  return path.dirname(require.resolve("express/package.json", { paths: [medusaDir] }))
}

/** Loads a module as Medusa's express would (`require` itself is kept for imports here). */
function load<T>(dir: string, id: string): T {
  return createRequire(path.join(dir, "package.json"))(id) as T
}

function proxyAddr(): { compile(v: string | string[]): unknown } {
  return load(expressDir(), "proxy-addr")
}

/**
 * Makes every Express app this process creates use `trust` once it starts
 * listening — after Medusa's loaders have set their own fixed value (one hop)
 * and before the first request.
 */
export function applyTrustProxy(trust: TrustProxy): void {
  const express = load<{ application: { listen: (...args: unknown[]) => unknown } }>(expressDir(), "./")
  const listen = express.application.listen
  express.application.listen = function (this: { set(name: string, value: unknown): void }, ...args: unknown[]) {
    this.set("trust proxy", trust)
    return listen.apply(this, args)
  }
}
