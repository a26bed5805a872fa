/**
 * A string as an SQL literal, exactly as node-postgres' `escapeLiteral` writes
 * it ('…' with quotes doubled; ` E'…'` with backslashes doubled too when it
 * holds one), built with two regex replaces instead of its one concatenation
 * per character. On the POS hot path the stored answer and request go through
 * it on every call, and the per-character rope was a seventh of all the bytes
 * a redemption allocated.
 */
export function sqlLiteral(value: string): string {
  const quoted = value.replace(/'/g, "''")
  return value.includes("\\") ? ` E'${quoted.replace(/\\/g, "\\\\")}'` : `'${quoted}'`
}
