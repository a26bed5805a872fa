import type { MedusaRequest, MedusaResponse, MiddlewaresConfig } from "@medusajs/medusa"

import { apiErrorHandler } from "@customer-modules/core"

import { allowedOriginsCors, publicContentMiddlewares } from "./public"
import { imageUpload } from "./uploads"
import { sendAsset } from "../utils/assets"

/**
 * `{ type, message }` errors; the public content routes are rate-limited per IP
 * and readable from the allowed origins. The two embed scripts are answered
 * here: Medusa's file router cannot name a route `loader.js` (it strips the
 * extension).
 */
export const config: MiddlewaresConfig = {
  errorHandler: apiErrorHandler(),
  routes: [
    { matcher: "/store/cms/*", method: ["GET"], middlewares: publicContentMiddlewares() },
    { matcher: "/store/events", method: ["GET"], middlewares: [allowedOriginsCors()] },
    // News images: one image read into memory within its size limit (multipart, not JSON).
    { matcher: "/admin/cms/images", method: ["POST"], middlewares: [imageUpload()] },
    // The loader: built from storefront-plugin/src/loader.ts.
    { matcher: "/embed/loader.js", method: ["GET"], middlewares: [(req: MedusaRequest, res: MedusaResponse) => sendAsset(req, res, "loader.js", "text/javascript; charset=utf-8", 300)] },
    // The page side of the iframe height protocol, for every /embed/... page (storefront-plugin/src/frame.ts).
    { matcher: "/embed/frame.js", method: ["GET"], middlewares: [(req: MedusaRequest, res: MedusaResponse) => sendAsset(req, res, "frame.js", "text/javascript; charset=utf-8", 300)] },
  ],
}
