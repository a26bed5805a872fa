import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/medusa"
import { RateLimiterMemory } from "rate-limiter-flexible"

import type CmsService from "../services/cms"
import type { PublicAnswer } from "../types"

/** How long a browser or CDN may use an answer without asking (capped by the next validity change). */
export const MAX_AGE_S = 60
/** How long beyond that a stale answer may be shown while it is fetched again (never past a validity change). */
export const STALE_WHILE_REVALIDATE_S = 300

/**
 * Per-IP limit of the public CMS routes: generous, since answers are cached and
 * a website's server (WordPress, a Node site) asks from one address;
 * `CMS_RATE_LIMIT` (requests per minute, default 1200) changes it.
 */
export const RATE_LIMIT = Number(process.env.CMS_RATE_LIMIT) || 1200
const limiter = new RateLimiterMemory({ points: RATE_LIMIT, duration: 60, keyPrefix: "cms-public" })

export function rateLimit() {
  return async (req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction): Promise<void> => {
    try {
      await limiter.consume(req.ip ?? "unknown")
      next()
    } catch (e) {
      const ms = (e as { msBeforeNext?: number }).msBeforeNext ?? 60_000
      res.setHeader("Retry-After", String(Math.max(1, Math.ceil(ms / 1000))))
      res.status(429).json({ type: "rate_limited", message: "Too many requests; try again later" })
    }
  }
}

/**
 * CORS for the public content routes: the origins the merchant allows on the
 * "Website" page may read them from the browser (the loader's content
 * elements); Medusa's STORE_CORS still applies besides.
 */
export function allowedOriginsCors() {
  return async (req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction): Promise<void> => {
    const origin = req.get("origin")
    res.vary("Origin")
    if (origin && !res.getHeader("access-control-allow-origin")) {
      try {
        const { allowed_origins } = await req.scope.resolve<CmsService>("cmsService").settings()
        if (allowed_origins.includes(origin.toLowerCase())) {
          res.setHeader("Access-Control-Allow-Origin", origin)
          res.setHeader("Access-Control-Expose-Headers", "ETag")
        }
      } catch (e) {
        next(e)
        return
      }
    }
    next()
  }
}

/**
 * What runs before every public content route (GET /store/cms/...): the per-IP
 * limit and the allowed origins' CORS (middlewares.ts; the front door takes
 * the same instances from there, loaders/front-door.ts).
 */
export function publicContentMiddlewares() {
  return [rateLimit(), allowedOriginsCors()]
}

/**
 * Sends JSON or the HTML fragment with its ETag (304 for a matching
 * If-None-Match) and a Cache-Control whose lifetime, stale period included,
 * ends at the next validity change: no cache keeps an expired item online.
 */
export function sendPublic(req: MedusaRequest, res: MedusaResponse, answer: PublicAnswer, format: "json" | "html"): void {
  const tag = format === "html" ? answer.html_etag : answer.json_etag
  const untilChange = answer.next_change ? Math.max(0, Math.floor((answer.next_change.getTime() - Date.now()) / 1000)) : Infinity
  const maxAge = Math.min(MAX_AGE_S, untilChange)
  const swr = Math.min(STALE_WHILE_REVALIDATE_S, untilChange - maxAge)
  res.setHeader("ETag", tag)
  res.setHeader("Cache-Control", maxAge > 0 ? `public, max-age=${maxAge}, stale-while-revalidate=${swr}` : "public, no-cache")
  res.setHeader("X-Content-Type-Options", "nosniff")
  const inm = req.get("if-none-match")
  if (inm && inm.split(",").some((t) => t.trim().replace(/^W\//, "") === tag)) {
    res.status(304).end()
    return
  }
  if (format === "html") {
    res.setHeader("Content-Type", "text/html; charset=utf-8")
    res.status(200).send(answer.html)
  } else {
    res.setHeader("Content-Type", "application/json; charset=utf-8")
    res.status(200).send(answer.json)
  }
}

/** The language asked for: `?locale=`, else the first of de/en/pt in Accept-Language, else German. */
export function localeOf(req: MedusaRequest, explicit: "de" | "en" | "pt" | undefined): "de" | "en" | "pt" {
  if (explicit) {
    return explicit
  }
  for (const part of (req.get("accept-language") ?? "").split(",")) {
    const lang = part.trim().slice(0, 2).toLowerCase()
    if (lang === "de" || lang === "en" || lang === "pt") {
      return lang
    }
  }
  return "de"
}
