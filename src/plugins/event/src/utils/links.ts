import type { MedusaRequest } from "@medusajs/medusa"

import { RegistrationTokens, tokenSecret } from "./tokens"

export function cancelTokens(req: { scope: MedusaRequest["scope"] }): RegistrationTokens {
  return new RegistrationTokens(tokenSecret((n) => req.scope.resolve(n)), "event_cancel")
}

export function acceptTokens(req: { scope: MedusaRequest["scope"] }): RegistrationTokens {
  return new RegistrationTokens(tokenSecret((n) => req.scope.resolve(n)), "event_accept")
}

/** The page that asks before it cancels (the link in the mails). */
export function cancelUrl(base: string, id: string, token: string, locale: string): string {
  return `${base}/embed/events/registrations/${encodeURIComponent(id)}/cancel?token=${encodeURIComponent(token)}&locale=${locale}`
}

export function acceptUrl(base: string, id: string, token: string, locale: string): string {
  return `${base}/embed/events/registrations/${encodeURIComponent(id)}/accept?token=${encodeURIComponent(token)}&locale=${locale}`
}
