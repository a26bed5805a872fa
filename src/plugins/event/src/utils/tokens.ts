import { createHmac, timingSafeEqual } from "crypto"

/**
 * Signed tokens for the links in mails that act on one registration (cancel,
 * accept a waiting-list offer): an HMAC of the purpose and the id, so a token
 * fits only its registration and its purpose.
 */
export class RegistrationTokens {
  constructor(
    private readonly secret: string,
    private readonly purpose: "event_cancel" | "event_accept"
  ) {
    if (!secret || secret.length < 32) {
      throw new Error("RegistrationTokens: a secret of at least 32 characters is needed")
    }
  }

  sign(id: string): string {
    return createHmac("sha256", this.secret).update(`${this.purpose}:${id}`).digest("base64url")
  }

  verify(id: string, token: string): boolean {
    const expected = Buffer.from(this.sign(id))
    const given = Buffer.from(token)
    return expected.length === given.length && timingSafeEqual(expected, given)
  }
}

/** The secret the server signs with (the JWT secret, which the server refuses to start without). */
export function tokenSecret(resolve: <T>(name: string) => T): string {
  const config = resolve<{ projectConfig: { jwt_secret?: string } }>("configModule")
  return `event-links:${config.projectConfig.jwt_secret ?? ""}`
}
