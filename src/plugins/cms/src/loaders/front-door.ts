import { registerFrontDoor } from "@customer-modules/core"

import { config } from "../api/middlewares"

/**
 * The public content routes (news and FAQ as JSON or HTML fragments, answered
 * from the in-process cache) go through the front door with the very
 * middlewares middlewares.ts gives Medusa for them (the per-IP limit and the
 * allowed origins' CORS): a website's server asks for them on every page view.
 */
export default function cmsFrontDoor(): void {
  const content = config.routes?.find((r) => r.matcher === "/store/cms/*")
  registerFrontDoor({ prefix: "/store/cms/", methods: ["GET"], middlewares: content?.middlewares ?? [] })
}
