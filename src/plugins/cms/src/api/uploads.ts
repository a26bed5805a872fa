import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/medusa"
import multer from "multer"

import { IMAGE_MAX_BYTES } from "../utils/images"

/**
 * Reads the one image of `POST /admin/cms/images` into memory, never more than
 * IMAGE_MAX_BYTES (the connection's rest is not kept): 413 `file_too_large`,
 * a second file or another field is 400 `invalid_request`.
 */
export function imageUpload() {
  const parse = multer({ storage: multer.memoryStorage(), limits: { fileSize: IMAGE_MAX_BYTES, files: 1, fields: 0 } }).single("file")
  return (req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction): void => {
    if (!req.is("multipart/form-data")) {
      res.status(400).json({ type: "invalid_request", message: "file: send one image as multipart/form-data field `file`" })
      return
    }
    parse(req as never, res as never, (err?: unknown) => {
      if (!err) {
        next()
        return
      }
      const code = (err as { code?: string }).code
      if (code === "LIMIT_FILE_SIZE") {
        res.status(413).json({ type: "file_too_large", message: `file: at most ${Math.floor(IMAGE_MAX_BYTES / 1024)} KiB` })
      } else if (typeof code === "string" && code.startsWith("LIMIT_")) {
        res.status(400).json({ type: "invalid_request", message: "file: send exactly one image as field `file` and nothing else" })
      } else {
        res.status(400).json({ type: "invalid_request", message: "file: the multipart body could not be read" })
      }
    })
  }
}
