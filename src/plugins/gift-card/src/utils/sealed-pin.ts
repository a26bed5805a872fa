import { createCipheriv, createDecipheriv, createHash, randomBytes } from "crypto"

/**
 * A blank voucher's PIN, sealed for its print sheet: AES-256-GCM under a key
 * derived from the server's secret, bound to the serial (as associated data),
 * so a sealed PIN copied to another serial does not open. `v1.<iv>.<tag>.<data>`.
 */
export class PinSeal {
  private readonly key_: Buffer

  constructor(secret: string) {
    if (!secret) {
      throw new Error("sealing PINs needs the server's secret")
    }
    this.key_ = createHash("sha256").update(`gift-card-blank-pin:${secret}`).digest()
  }

  seal(serial: string, pin: string): string {
    const iv = randomBytes(12)
    const cipher = createCipheriv("aes-256-gcm", this.key_, iv)
    cipher.setAAD(Buffer.from(serial))
    const data = Buffer.concat([cipher.update(pin, "utf8"), cipher.final()])
    return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), data.toString("base64url")].join(".")
  }

  /** The PIN, or null when it was sealed under another secret or for another serial. */
  open(serial: string, sealed: string | null): string | null {
    const [version, iv, tag, data] = (sealed ?? "").split(".")
    if (version !== "v1" || !iv || !tag || !data) {
      return null
    }
    try {
      const decipher = createDecipheriv("aes-256-gcm", this.key_, Buffer.from(iv, "base64url"))
      decipher.setAAD(Buffer.from(serial))
      decipher.setAuthTag(Buffer.from(tag, "base64url"))
      return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8")
    } catch {
      return null
    }
  }
}
