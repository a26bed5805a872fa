/** One `routes` entry of a plugin's middlewares.ts, as Medusa loaded it. */
export type MiddlewareRoute = { matcher: string | RegExp; method?: string | string[]; middlewares?: unknown[]; bodyParser?: unknown }

/** A route the front door would serve, and the middlewares declared for it. */
export type FrontRoute = { method: string; path: string; declared: unknown[] }

/** A request path for a route path: each `:param` becomes one segment. */
export function samplePath(routePath: string): string {
  return routePath.replace(/:[^/]+/g, "x")
}

/** Whether a middlewares.ts matcher applies to the path, as Medusa's RoutesLoader matches it. */
export function matcherApplies(matcher: string | RegExp, path: string): boolean {
  return typeof matcher === "string" ? new RegExp(`^${matcher.split("*").join(".*")}$`).test(path) : matcher.test(path)
}

/**
 * The middlewares.ts entries the front door would skip for a route: those
 * whose matcher and method apply to it and whose middlewares are not all among
 * the ones declared for it (by identity). A route with any is left to
 * Medusa's stack, so a middleware a plugin adds there is never bypassed.
 */
export function skippedMiddlewares(route: FrontRoute, configs: MiddlewareRoute[]): MiddlewareRoute[] {
  const path = samplePath(route.path)
  return configs.filter((c) => {
    const methods = c.method === undefined ? ["USE"] : Array.isArray(c.method) ? c.method : [c.method]
    const forMethod = methods.some((m) => m.toUpperCase() === "USE" || m.toUpperCase() === route.method.toUpperCase())
    return forMethod && matcherApplies(c.matcher, path) && (c.middlewares ?? []).some((m) => !route.declared.includes(m))
  })
}

/**
 * Whether the front door may read a route's small JSON bodies itself (utils/small-json-body):
 * the route has Medusa's default JSON parser (body-parser's `jsonParser`, limit 100 KiB) and no
 * middlewares.ts entry that applies to it sets `bodyParser` (a limit of its own, or none).
 */
export function takesSmallJsonBodies(route: { path: string; handlers: unknown[] }, configs: MiddlewareRoute[]): boolean {
  const path = samplePath(route.path)
  const hasJsonParser = route.handlers.some((h) => typeof h === "function" && h.name === "jsonParser")
  return hasJsonParser && !configs.some((c) => c.bodyParser !== undefined && matcherApplies(c.matcher, path))
}
