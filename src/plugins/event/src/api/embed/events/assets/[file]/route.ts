import fs from "fs"
import path from "path"

import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

/** The static files of the embed pages (the registration script and the page style), from the plugin's `static/`. */
const FILES: Record<string, string> = {
  "register.js": "application/javascript; charset=utf-8",
  "event.css": "text/css; charset=utf-8",
}
const DIR = path.resolve(__dirname, "..", "..", "..", "..", "..", "..", "static")

/** GET /embed/events/assets/:file → the file; 404 for anything not listed. */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const type = FILES[req.params.file]
  if (!type) {
    res.status(404).json({ type: "not_found", message: "No such file" })
    return
  }
  res.setHeader("Content-Type", type)
  res.setHeader("Cache-Control", "public, max-age=300")
  res.setHeader("X-Content-Type-Options", "nosniff")
  res.send(fs.readFileSync(path.join(DIR, req.params.file), "utf-8"))
}
