/**
 * A `Content-Disposition` header for a download named `filename`, which may hold any
 * character (an own voucher number "Müller-01"): Node refuses header values outside
 * Latin-1, so the name goes as RFC 6266 `filename*` (UTF-8, percent-encoded) with an
 * ASCII `filename` beside it for old clients.
 */
export function contentDisposition(type: "inline" | "attachment", filename: string): string {
  const ascii = filename.replace(/[^A-Za-z0-9._ -]/g, "_").slice(0, 150) || "download"
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encoded}`
}
