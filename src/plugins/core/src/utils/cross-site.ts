import type { ConfigModule, MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/medusa"

/**
 * Admin mutations only from the admin's own origins. In production Medusa's session cookie
 * is `SameSite=None`, so a page on any site could post a form to an admin route that
 * accepts `{}` with the merchant's cookie. Browsers name the page's origin in `Origin`
 * (and `Sec-Fetch-Site`) on every cross-site POST; a mutation from an origin that is
 * neither this server nor one of ADMIN_CORS is refused before any route runs. Clients
 * that send no `Origin` (scripts, tills) are not browsers posting on someone's behalf.
 */
export function crossSiteGuard(): (req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) => void {
  let allowed: ((origin: string) => boolean) | undefined
  return (req, res, next) => {
    allowed ??= allowedOrigins(req.scope.resolve<ConfigModule>("configModule").projectConfig.admin_cors ?? "")
    const origin = req.get("origin")
    const site = req.get("sec-fetch-site")
    const own = `${req.protocol}://${req.get("host")}`
    const refused =
      origin !== undefined && origin !== "null"
        ? origin !== own && !allowed(origin)
        : origin === "null" || site === "cross-site"
    if (refused) {
      res.status(403).json({
        type: "cross_site_request",
        message: "Admin changes are accepted only from the admin itself (this origin or ADMIN_CORS)",
      })
      return
    }
    next()
  }
}

/** ADMIN_CORS as Medusa reads it: comma-separated origins, `/…/` entries as regular expressions. */
function allowedOrigins(adminCors: string): (origin: string) => boolean {
  const entries = adminCors
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean)
  const exact = new Set(entries.filter((e) => !isPattern(e)).map((e) => e.replace(/\/+$/, "")))
  const patterns = entries.filter(isPattern).map((e) => new RegExp(e.slice(1, -1)))
  return (origin) => exact.has(origin) || patterns.some((p) => p.test(origin))
}

const isPattern = (entry: string) => entry.length > 2 && entry.startsWith("/") && entry.endsWith("/")
