/**
 * The front door's rule (decision 175): a route is served there only when
 * every middlewares.ts entry that applies to it was declared to
 * registerFrontDoor, by identity; otherwise it stays on Medusa's stack.
 */
import { describe, expect, it } from "vitest"

import { matcherApplies, samplePath, skippedMiddlewares, takesSmallJsonBodies } from "../../src/plugins/core/src/utils/front-door-check"

const limit = () => undefined
const cors = () => undefined
const auth = () => undefined

describe("the front door's middleware check", () => {
  it("matches paths as Medusa's RoutesLoader does", () => {
    expect(samplePath("/store/pos/gift-cards/:code/redeem")).toBe("/store/pos/gift-cards/x/redeem")
    expect(matcherApplies("/store/cms/*", "/store/cms/news")).toBe(true)
    expect(matcherApplies("/store/cms/*", "/store/cmsx")).toBe(false)
    expect(matcherApplies("/store/vouchers*", "/store/vouchers/abc")).toBe(true)
    expect(matcherApplies(/^\/store\/carts\/[^/]+\/loyalty-rewards/, "/store/carts/x/loyalty-rewards")).toBe(true)
  })

  it("passes a route whose applying middlewares are all declared", () => {
    const configs = [{ matcher: "/store/cms/*", method: ["GET"], middlewares: [limit, cors] }]
    expect(skippedMiddlewares({ method: "get", path: "/store/cms/news", declared: [limit, cors] }, configs)).toEqual([])
    // Another method: the entry does not apply.
    expect(skippedMiddlewares({ method: "post", path: "/store/cms/news", declared: [] }, configs)).toEqual([])
  })

  it("finds a middleware the route would skip: undeclared, or a copy rather than the same function", () => {
    const configs = [
      { matcher: "/store/pos/*", middlewares: [auth] },
      { matcher: "/store/cms/*", method: "GET", middlewares: [limit, cors] },
    ]
    expect(skippedMiddlewares({ method: "post", path: "/store/pos/gift-cards/:code/redeem", declared: [] }, configs)).toEqual([configs[0]])
    expect(skippedMiddlewares({ method: "get", path: "/store/cms/faq", declared: [limit, () => undefined] }, configs)).toEqual([configs[1]])
  })

  it("reads small JSON bodies itself only where Medusa's default JSON parser would (decision 182)", () => {
    const jsonParser = function jsonParser() {}
    const handler = () => undefined
    const route = { path: "/store/pos/gift-cards/:code/redeem", handlers: [jsonParser, handler] }
    expect(takesSmallJsonBodies(route, [])).toBe(true)
    // No JSON parser (bodyParser: false): nothing to stand in for.
    expect(takesSmallJsonBodies({ ...route, handlers: [handler] }, [])).toBe(false)
    // A middlewares.ts entry with a bodyParser of its own (a limit, or none) for the route: left to it.
    expect(takesSmallJsonBodies(route, [{ matcher: "/store/pos/gift-cards/*", bodyParser: { sizeLimit: "1kb" } }])).toBe(false)
    expect(takesSmallJsonBodies(route, [{ matcher: "/store/cms/*", bodyParser: false }])).toBe(true)
  })
})
