import type { AwilixContainer } from "awilix"

import { ActionTokens, actionSecret } from "@customer-modules/core"

/** Purposes of the signed links in the mails: a token fits only its registration and its purpose. */
export type LinkPurpose = "event_cancel" | "event_accept"

export function registrationTokens(container: Pick<AwilixContainer, "resolve">, purpose: LinkPurpose): ActionTokens {
  return new ActionTokens(actionSecret(container), purpose)
}
