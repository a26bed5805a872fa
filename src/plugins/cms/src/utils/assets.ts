import { createHash } from "crypto"
import fs from "fs"
import path from "path"

import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

/** The storefront package (loader, frame script, WordPress plugin zip), wherever npm put it. */
export function storefrontDir(): string {
  return path.dirname(require.resolve("@customer-modules/storefront/package.json"))
}

type Asset = { body: Buffer; etag: string }
const assets = new Map<string, Asset>()

function load(file: string, strip: boolean): Asset {
  let asset = assets.get(file)
  if (!asset) {
    let text = fs.readFileSync(path.join(storefrontDir(), "dist", file), "utf-8")
    if (strip) {
      // No source map is served next to it.
      text = text.replace(/\n\/\/# sourceMappingURL=.*$/m, "\n")
    }
    const body = Buffer.from(text)
    asset = { body, etag: `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"` }
    assets.set(file, asset)
  }
  return asset
}

/** A built file of the storefront package, with its ETag; `maxAge` seconds fresh and a day stale-while-revalidate. */
export function sendAsset(req: MedusaRequest, res: MedusaResponse, file: string, type: string, maxAge: number, download?: string): void {
  const asset = load(file, type.startsWith("text/javascript"))
  res.setHeader("ETag", asset.etag)
  res.setHeader("Cache-Control", `public, max-age=${maxAge}, stale-while-revalidate=86400`)
  res.setHeader("X-Content-Type-Options", "nosniff")
  // Any site may load the script (it is public code); it carries no cookie and reads nothing of the server.
  res.setHeader("Cross-Origin-Resource-Policy", "cross-origin")
  res.setHeader("Access-Control-Allow-Origin", "*")
  if (download) {
    res.setHeader("Content-Disposition", `attachment; filename="${download}"`)
  }
  if (req.get("if-none-match") === asset.etag) {
    res.status(304).end()
    return
  }
  res.setHeader("Content-Type", type)
  res.status(200).send(asset.body)
}
