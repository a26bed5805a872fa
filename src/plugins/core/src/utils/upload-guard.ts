import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/medusa"

/** What a browser may show inline from the upload folder: raster images. */
const INLINE = /\.(png|jpe?g|gif|webp|avif)$/i

/**
 * Medusa's `POST /admin/uploads` takes any file, and @medusajs/file-local
 * serves it from the server's own origin with the type its name gives: an
 * uploaded `.html` or `.svg` would run script in the origin of the admin. Every
 * file from the folder therefore comes with a sandboxing CSP (no script, an
 * opaque origin) and `nosniff`, and anything but a raster image as a download.
 * Images stay embeddable from other sites (the news images on the merchant's
 * website).
 */
export function uploadGuard() {
  return (req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction): void => {
    res.setHeader("Content-Security-Policy", "sandbox; default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'")
    res.setHeader("X-Content-Type-Options", "nosniff")
    if (!INLINE.test(req.path)) {
      res.setHeader("Content-Disposition", "attachment")
    }
    next()
  }
}
