import { createHmac, timingSafeEqual } from "crypto"

import type { ConfigModule } from "@medusajs/medusa"
import type { AwilixContainer } from "awilix"

/**
 * Tokens of links in mails that act (cancel a booking, a registration): an
 * HMAC of the purpose and the record's id with the server's JWT secret. They
 * need no table; a changed secret invalidates every link. Purposes keep one
 * link from working for another action.
 */
export class ActionTokens {
  private readonly key_: string

  constructor(secret: string, readonly purpose: string) {
    if (!secret) {
      throw new Error("ActionTokens need the server's secret")
    }
    this.key_ = `${purpose}:${secret}`
  }

  sign(id: string): string {
    return createHmac("sha256", this.key_).update(id).digest("base64url")
  }

  /** Constant-time check; false for anything that is not this id's token. */
  verify(id: string, token: unknown): boolean {
    if (typeof token !== "string" || token.length > 200) {
      return false
    }
    const expected = Buffer.from(this.sign(id))
    const given = Buffer.from(token)
    return expected.length === given.length && timingSafeEqual(expected, given)
  }
}

/** The secret action tokens are signed with: the server's JWT secret (medusa-config refuses to start without one). */
export function actionSecret(container: Pick<AwilixContainer, "resolve">): string {
  const config = container.resolve<ConfigModule>("configModule")
  const secret = config?.projectConfig?.jwt_secret
  if (!secret) {
    throw new Error("projectConfig.jwt_secret is not set")
  }
  return secret
}
