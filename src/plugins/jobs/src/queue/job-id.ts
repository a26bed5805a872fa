import { createHash } from "crypto"

/**
 * A BullMQ job id from a business key: readable, deterministic, without `:`
 * (BullMQ reserves it) and never all digits. The hash keeps two keys that
 * sanitize alike (`a:b`, `a/b`) apart.
 */
export function jobIdFor(queue: string, key: string): string {
  const readable = key.replace(/[^A-Za-z0-9_.-]+/g, "_").slice(0, 80)
  const hash = createHash("sha256").update(key).digest("hex").slice(0, 12)
  return `${queue}-${readable}-${hash}`
}

/** The queue a job id belongs to (its prefix up to the first `-`). */
export function queueOfJobId(id: string): string {
  return id.split("-", 1)[0]
}
