import fs from "fs"
import path from "path"

import type { MedusaResponse } from "@medusajs/medusa"

/** Where the tablet app's compiled ES modules live (tsconfig.app.json). */
const PUBLIC_DIR = path.resolve(__dirname, "..", "public")

/** The content security policy of the tablet app: its own scripts and styles only, no inline script. */
export const TABLET_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"

const FILE = /^[a-z0-9-]+\.js$/

/** Sends `<dir>/<file>` from the compiled app (only plain `name.js` files of that folder), else 404. */
export function sendModule(res: MedusaResponse, dir: "app" | "shared", file: string): void {
  if (!FILE.test(file)) {
    res.status(404).json({ type: "not_found", message: "No such file" })
    return
  }
  const full = path.join(PUBLIC_DIR, dir, file)
  if (!fs.existsSync(full)) {
    res.status(404).json({ type: "not_found", message: "No such file" })
    return
  }
  res.setHeader("Content-Type", "text/javascript; charset=utf-8")
  res.setHeader("Cache-Control", "no-cache")
  res.setHeader("X-Content-Type-Options", "nosniff")
  res.send(fs.readFileSync(full, "utf8"))
}
