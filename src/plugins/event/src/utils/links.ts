import type { MedusaRequest } from "@medusajs/medusa"

import type { ActionTokens } from "@customer-modules/core"

import { registrationTokens } from "./tokens"

export function cancelTokens(req: { scope: MedusaRequest["scope"] }): ActionTokens {
  return registrationTokens(req.scope, "event_cancel")
}

export function acceptTokens(req: { scope: MedusaRequest["scope"] }): ActionTokens {
  return registrationTokens(req.scope, "event_accept")
}

/** The page that asks before it cancels (the link in the mails). */
export function cancelUrl(base: string, id: string, token: string, locale: string): string {
  return `${base}/embed/events/registrations/${encodeURIComponent(id)}/cancel?token=${encodeURIComponent(token)}&locale=${locale}`
}

/** The page that asks before it takes an offered place. */
export function acceptUrl(base: string, id: string, token: string, locale: string): string {
  return `${base}/embed/events/registrations/${encodeURIComponent(id)}/accept?token=${encodeURIComponent(token)}&locale=${locale}`
}
