import http from "http"

import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/medusa"
import type { AwilixContainer } from "awilix"

import { apiErrorHandler } from "./error-handler"
import { skippedMiddlewares, takesSmallJsonBodies } from "./utils/front-door-check"
import type { MiddlewareRoute } from "./utils/front-door-check"
import { medusaRequire } from "./utils/medusa-require"
import { smallJsonBody } from "./utils/small-json-body"

type Handler = (req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) => unknown
type Layer = { name: string; route?: { path: unknown; methods: Record<string, boolean>; stack: { handle: Handler }[] }; handle: Handler & { stack?: Layer[] } }
type Router = Handler & { stack: Layer[] } & Record<"get" | "post" | "put" | "delete" | "use", (...args: unknown[]) => unknown>
type Express = {
  Router(): Router
}
type App = { _router: { stack: Layer[] }; use(fn: Handler): unknown }

/**
 * A set of hot routes the front door answers: every route under `prefix`
 * (e.g. "/store/pos/"); `methods` limits them (default GET, POST, PUT,
 * DELETE). `middlewares` run before the route's handler, in place of the
 * plugin's `middlewares.ts` entries for those paths (which the front door does
 * not run): give the same ones.
 */
export type FrontDoorEntry = { prefix: string; methods?: ("GET" | "POST" | "PUT" | "DELETE")[]; middlewares?: Handler[] }

const entries: FrontDoorEntry[] = []
/** Layers that run first for a path prefix and then pass the request on (headers for files another plugin serves). */
const guards: { prefix: string; handler: Handler }[] = []
const MARK = Symbol.for("customer-modules.core.front-door")

/** The routes the front door serves ("POST /store/pos/gift-cards/:code/redeem"), once it is mounted (listed in GET /admin/customer-modules). */
export const frontDoorRoutes: string[] = []

/**
 * Declares hot routes for the front door (call it from a plugin loader).
 *
 * Medusa answers every request after the same stack: its access log, cookie
 * parser and session store, passport's customer authentication, a request
 * scope, and then every plugin's router in turn, ~2,500 layers each tested
 * against the path, before the route is reached. A till's call and a cached
 * website fragment need none of it but the scope, the store CORS and the body
 * parser. The front door is one layer at the very top of the app: for the
 * declared routes it runs exactly those, the declared middlewares and the
 * route's own (Medusa-wrapped) handler, found in Medusa's router when the
 * server starts listening, so route files stay where they are and without the
 * front door (another entry point) the same routes answer through Medusa's
 * stack as before. Every other request passes through after one prefix test.
 *
 * What the declared routes do not get: a session cookie (a terminal key or a
 * public fragment has no session; embeds must not set cookies anyway) and
 * Medusa's customer on the request (none of them reads it). The access log
 * line is written when LOG_LEVEL asks for it, as for every other request.
 */
export function registerFrontDoor(entry: FrontDoorEntry): void {
  entries.push(entry)
}

/**
 * Runs `handler` first for every request under `prefix`, wherever in Medusa's
 * stack the route that answers it is (e.g. the files @medusajs/file-local
 * serves, mounted before any plugin of ours); the handler calls `next()`.
 */
export function registerFrontGuard(prefix: string, handler: Handler): void {
  guards.push({ prefix, handler })
}

function covers(entry: FrontDoorEntry, routePath: string, method: string): boolean {
  if (entry.methods && !entry.methods.includes(method.toUpperCase() as "GET")) {
    return false
  }
  return routePath.startsWith(entry.prefix)
}

/**
 * Every plugin's middlewares.ts `routes`, as Medusa loaded them (the same
 * module instances, from the require cache): the functions there are the ones
 * in Medusa's routers.
 */
function middlewareConfigs(): MiddlewareRoute[] {
  const found: MiddlewareRoute[] = []
  for (const [file, mod] of Object.entries(require.cache)) {
    if (!/[\\/]api[\\/]middlewares\.js$/.test(file)) continue
    const routes = (mod?.exports as { config?: { routes?: MiddlewareRoute[] } } | undefined)?.config?.routes
    if (Array.isArray(routes)) found.push(...routes)
  }
  return found
}

/** Route layers in Medusa's stack, depth first, in the order express would try them. */
function routeLayers(stack: Layer[], found: Layer[] = []): Layer[] {
  for (const layer of stack) {
    if (layer.route) {
      found.push(layer)
    } else if (Array.isArray(layer.handle.stack)) {
      routeLayers(layer.handle.stack, found)
    }
  }
  return found
}

/**
 * Installs the front door once per process, when Medusa's app is handed to
 * the HTTP server (`app.listen`): its loaders, and so every plugin's routes and
 * loaders, are done by then, and no request has arrived yet. (Express copies
 * `listen` onto each app when it creates it, so the hook is the server's
 * creation, not `express.application`.)
 */
export function installFrontDoor(container: AwilixContainer): void {
  const express = medusaRequire<Express>("express")
  const server = http as typeof http & { [MARK]?: true }
  if (server[MARK]) {
    return
  }
  server[MARK] = true
  const createServer = http.createServer
  const hooked = function (this: unknown, ...args: unknown[]) {
    const app = args.find((a): a is App => typeof a === "function" && "_router" in a)
    if (app) {
      http.createServer = createServer
      mount(app, express, container)
    }
    return (createServer as (...a: unknown[]) => http.Server).apply(this, args)
  }
  http.createServer = hooked as typeof http.createServer
}

function mount(app: App, express: Express, container: AwilixContainer): void {
  if ((!entries.length && !guards.length) || !app._router) {
    return
  }
  const config = container.resolve<{ projectConfig: { store_cors?: string } }>("configModule")
  const logger = container.resolve<{ shouldLog?: (level: string) => boolean; warn?: (m: string) => void }>("logger")
  const cors = medusaRequire<(o: unknown) => Handler>("cors")
  const { parseCorsOrigins } = medusaRequire<{ parseCorsOrigins(s: string): unknown }>("medusa-core-utils")
  const storeCors = cors({ origin: parseCorsOrigins(config.projectConfig.store_cors || ""), credentials: true })
  // Medusa's request scope (its request id and request_context are read by none of these routes).
  const scope: Handler = (req, _res, next) => {
    req.scope = container.createScope() as MedusaRequest["scope"]
    next()
  }
  const readSmallJson: Handler = smallJsonBody()
  const front = express.Router()
  if (logger.shouldLog?.("http") && process.env.NODE_ENV !== "test") {
    front.use(medusaRequire<(format: string) => Handler>("morgan")("combined"))
  }
  // Every route layer for a method and path, in stack order: Medusa registers a route's body parsers as a
  // route layer of their own before the handler's, so the handlers of all of them, in order, are what express runs.
  const routes = new Map<string, { method: string; path: string; entry: FrontDoorEntry; handlers: unknown[] }>()
  for (const layer of routeLayers(app._router.stack)) {
    const routePath = layer.route!.path
    if (typeof routePath !== "string") {
      continue
    }
    for (const method of Object.keys(layer.route!.methods)) {
      const entry = entries.find((e) => covers(e, routePath, method))
      if (!entry || !["get", "post", "put", "delete"].includes(method)) {
        continue
      }
      const key = `${method.toUpperCase()} ${routePath}`
      const route = routes.get(key) ?? { method, path: routePath, entry, handlers: [] }
      route.handlers.push(...layer.route!.stack.map((l) => l.handle as unknown))
      routes.set(key, route)
    }
  }
  const configs = middlewareConfigs()
  // Medusa registers a middlewares.ts entry with a method as a route layer of its own: not a route of ours.
  const configured = new Set(configs.flatMap((c) => c.middlewares ?? []))
  const prefixes = new Set<string>()
  for (const [key, route] of routes) {
    route.handlers = route.handlers.filter((h) => !configured.has(h))
    const declared = route.entry.middlewares ?? []
    const skipped = skippedMiddlewares({ method: route.method, path: route.path, declared }, configs)
    if (!route.handlers.length || skipped.length) {
      if (skipped.length) {
        logger.warn?.(`[core] front door: ${key} left to Medusa's stack: middlewares.ts has ${skipped.map((c) => String(c.matcher)).join(", ")} for it, not declared to registerFrontDoor`)
      }
      continue
    }
    const reader = takesSmallJsonBodies(route, configs) ? [readSmallJson] : []
    front[route.method as "get"](route.path, storeCors, scope, ...declared, ...reader, ...(route.handlers as Handler[]))
    frontDoorRoutes.push(key)
    prefixes.add(route.entry.prefix)
  }
  if (!prefixes.size && !guards.length) {
    return
  }
  front.use(apiErrorHandler())
  const prefixList = [...prefixes]
  const door: Handler = (req, res, next) => {
    const url = req.url
    const q = url.indexOf("?")
    const pathname = q < 0 ? url : url.slice(0, q)
    const guard = guards.find((g) => pathname.startsWith(g.prefix))
    if (guard) {
      return guard.handler(req, res, next)
    }
    // A preflight is Medusa's: its CORS layers answer it (express's router would answer OPTIONS itself).
    if (req.method !== "OPTIONS" && prefixList.some((p) => pathname.startsWith(p))) {
      return front(req, res, next)
    }
    next()
  }
  // Right after express's own two layers (query parser, request init), before Medusa's access log and session.
  app.use(door)
  const stack = app._router.stack
  const layer = stack.pop()!
  const at = stack.findIndex((l) => l.name !== "query" && l.name !== "expressInit")
  stack.splice(at < 0 ? stack.length : at, 0, layer)
}
