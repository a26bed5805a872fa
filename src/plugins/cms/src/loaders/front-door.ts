import { registerFrontDoor } from "@customer-modules/core"

import { publicContentMiddlewares } from "../api/public"

/**
 * The public content routes (news and FAQ as JSON or HTML fragments, answered
 * from the in-process cache) go through the front door, with the same
 * middlewares as in middlewares.ts: a website's server asks for them on every
 * page view.
 */
export default function cmsFrontDoor(): void {
  registerFrontDoor({ prefix: "/store/cms/", methods: ["GET"], middlewares: publicContentMiddlewares() })
}
