/** Images a news item may carry: what every browser shows, no SVG (it can hold script). */
export const IMAGE_TYPES = {
  png: { mime: "image/png", magic: (b: Buffer) => b.length > 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  jpg: { mime: "image/jpeg", magic: (b: Buffer) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  gif: { mime: "image/gif", magic: (b: Buffer) => b.length > 6 && /^GIF8[79]a$/.test(b.subarray(0, 6).toString("latin1")) },
  webp: { mime: "image/webp", magic: (b: Buffer) => b.length > 12 && b.subarray(0, 4).toString("latin1") === "RIFF" && b.subarray(8, 12).toString("latin1") === "WEBP" },
} as const
export type ImageExt = keyof typeof IMAGE_TYPES

/** Largest image accepted (bytes); `CMS_IMAGE_MAX_BYTES` changes it. */
export const IMAGE_MAX_BYTES = Number(process.env.CMS_IMAGE_MAX_BYTES) || 5 * 1024 * 1024

/** The image type of these bytes, read from their signature (never from the name or the client's type), or null. */
export function imageTypeOf(bytes: Buffer): ImageExt | null {
  for (const [ext, t] of Object.entries(IMAGE_TYPES)) {
    if (t.magic(bytes)) return ext as ImageExt
  }
  return null
}

/** A file name safe in a URL and on any disk: lower-case letters, digits and dashes, at most 60 characters. */
export function safeBaseName(original: string): string {
  const base = original.replace(/\.[^.]*$/, "").normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
  return base.replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60) || "image"
}
