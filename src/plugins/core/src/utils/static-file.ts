import fs from "fs"
import path from "path"

import type { MedusaResponse } from "@medusajs/medusa"

const TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
}
/** A plain file name: no folders, no dot files, a known extension. */
const NAME = /^[a-z0-9][a-z0-9_-]*(\.[a-z0-9_-]+)*\.(js|css|json|svg|png)$/i
/** Files kept in memory at most (a plugin's scripts and styles, a few dozen). */
const MAX_CACHED = 100
const cache = new Map<string, Buffer>()

export type StaticFileOptions = {
  /** Only these names (default: any plain name in `dir`). */
  only?: readonly string[]
  /** Default `public, max-age=300`. */
  cacheControl?: string
}

/**
 * Sends a plugin's static file (an embed page's script or style, a tablet app
 * module) from `dir`: a plain name of a known type only, read once and kept,
 * with its content type and `nosniff`; anything else answers 404 `not_found`.
 * Medusa's file router serves no folder with a dot, so plugins route
 * `…/assets/:file` to this.
 */
export function sendStaticFile(res: MedusaResponse, dir: string, file: string, opts: StaticFileOptions = {}): void {
  const name = String(file)
  const full = path.join(dir, name)
  if (!NAME.test(name) || (opts.only && !opts.only.includes(name)) || path.dirname(full) !== path.resolve(dir)) {
    res.status(404).json({ type: "not_found", message: "No such file" })
    return
  }
  let content = cache.get(full)
  if (!content) {
    try {
      content = fs.readFileSync(full)
    } catch {
      res.status(404).json({ type: "not_found", message: "No such file" })
      return
    }
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string)
    cache.set(full, content)
  }
  res.setHeader("Content-Type", TYPES[path.extname(name).toLowerCase()])
  res.setHeader("Cache-Control", opts.cacheControl ?? "public, max-age=300")
  res.setHeader("X-Content-Type-Options", "nosniff")
  res.send(content)
}
