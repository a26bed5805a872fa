import type { AbstractFileService, MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { IMAGE_TYPES, imageTypeOf, safeBaseName } from "#utils/images"

type Uploaded = { buffer: Buffer; originalname: string; size: number }

/**
 * POST /admin/cms/images (multipart, one field `file`) → 201 `{ image: { url, key, type, size } }`:
 * a news image stored through Medusa's file service (`fileService`, `@medusajs/file-local` by
 * default). PNG, JPEG, GIF or WebP only, judged by the file's bytes; at most IMAGE_MAX_BYTES
 * (larger: 413 `file_too_large`, refused by the upload middleware before it is kept).
 *
 * Not through `adminMutation` (decision 134): the body is multipart, so the wrapper's body
 * schema and its Idempotency-Key fingerprint (the JSON body) would not see the file — a
 * replay would answer another file's URL — and the upload goes to the file service, not the
 * database, so there is no transaction to share. It answers the same `{ type, message }` shape.
 */
export async function POST(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const file = (req as MedusaRequest & { file?: Uploaded }).file
  if (!file || !file.buffer?.length) {
    res.status(400).json({ type: "invalid_request", message: "file: send one image as multipart/form-data field `file`" })
    return
  }
  const ext = imageTypeOf(file.buffer)
  if (!ext) {
    res.status(415).json({ type: "unsupported_image", message: "file: only PNG, JPEG, GIF or WebP images are accepted" })
    return
  }
  const fileService = req.scope.resolve<AbstractFileService>("fileService")
  const name = `cms/${safeBaseName(file.originalname)}`
  const { writeStream, promise, url, fileKey } = await fileService.getUploadStreamDescriptor({ name, ext })
  writeStream.end(file.buffer)
  await promise
  res.status(201).json({ image: { url, key: fileKey, type: IMAGE_TYPES[ext].mime, size: file.size } })
}
