import { createHmac, timingSafeEqual } from "crypto"

import type { ConfigModule } from "@medusajs/medusa"

/** The loyalty plugin's options (medusa-config.js passes them to every plugin). */
export type LoyaltyPluginOptions = { publicUrl?: string }

/**
 * Unsubscribe links of marketing mails: the customer id and an HMAC of it
 * with the server's JWT secret, on the server's public address. Needs no
 * table and never expires; a changed JWT secret invalidates old links.
 */
export class UnsubscribeLinks {
  private readonly secret_: string
  private readonly base_: string

  constructor(jwtSecret: string, publicUrl: string) {
    this.secret_ = `loyalty-unsubscribe:${jwtSecret}`
    this.base_ = publicUrl.replace(/\/+$/, "")
  }

  static of(configModule: ConfigModule | undefined, options: LoyaltyPluginOptions | undefined): UnsubscribeLinks {
    return new UnsubscribeLinks(configModule?.projectConfig?.jwt_secret ?? "supersecret", options?.publicUrl ?? "http://localhost:9000")
  }

  token(customerId: string): string {
    return createHmac("sha256", this.secret_).update(customerId).digest("base64url")
  }

  /** Where the customer confirms (GET) and where mail programs unsubscribe in one click (POST). */
  url(customerId: string): string {
    return `${this.base_}/store/loyalty/unsubscribe?customer_id=${encodeURIComponent(customerId)}&token=${this.token(customerId)}`
  }

  valid(customerId: string, token: string): boolean {
    const expected = Buffer.from(this.token(customerId))
    const given = Buffer.from(token)
    return expected.length === given.length && timingSafeEqual(expected, given)
  }
}
