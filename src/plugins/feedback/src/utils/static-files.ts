import path from "path"

import type { MedusaResponse } from "@medusajs/medusa"

import { sendStaticFile } from "@customer-modules/core"

/** Where the tablet app's compiled ES modules live (tsconfig.app.json). */
const PUBLIC_DIR = path.resolve(__dirname, "..", "public")

/** The content security policy of the tablet app: its own scripts and styles only, no inline script. */
export const TABLET_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"

/** Sends `<dir>/<file>` from the compiled app (only plain `name.js` files of that folder), else 404. */
export function sendModule(res: MedusaResponse, dir: "app" | "shared", file: string): void {
  if (!/^[a-z0-9-]+\.js$/.test(String(file))) {
    res.status(404).json({ type: "not_found", message: "No such file" })
    return
  }
  sendStaticFile(res, path.join(PUBLIC_DIR, dir), file, { cacheControl: "no-cache" })
}
