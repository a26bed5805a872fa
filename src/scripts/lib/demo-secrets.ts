import { randomBytes } from "crypto"
import fs from "fs"
import path from "path"

/** What the embedded demo needs and nobody configured: made once, kept with its database. */
export type DemoSecrets = { jwt_secret: string; cookie_secret: string; admin_password: string }

const random = (bytes: number) => randomBytes(bytes).toString("base64url")

/**
 * The demo's secrets from `DATA_DIR/secrets.json`, made at the first start (readable by
 * the owner only). Sessions and unsubscribe links of the demo stay valid across restarts,
 * and no two demos share a secret.
 */
export function demoSecrets(dataDir: string): DemoSecrets {
  const file = path.join(dataDir, "secrets.json")
  fs.mkdirSync(dataDir, { recursive: true })
  const made: DemoSecrets = { jwt_secret: random(48), cookie_secret: random(48), admin_password: random(12) }
  try {
    // "wx": a second process starting at the same moment keeps the first one's secrets.
    fs.writeFileSync(file, `${JSON.stringify(made, null, 2)}\n`, { mode: 0o600, flag: "wx" })
    return made
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") {
      throw e
    }
  }
  const kept = JSON.parse(fs.readFileSync(file, "utf-8")) as Partial<DemoSecrets>
  if (!kept.jwt_secret || !kept.cookie_secret || !kept.admin_password) {
    throw new Error(`${file} is incomplete; delete it to have new demo secrets made`)
  }
  return kept as DemoSecrets
}
