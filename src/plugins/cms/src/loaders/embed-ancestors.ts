import type { AwilixContainer } from "awilix"

import { registerEmbedAncestors } from "@customer-modules/core"

import type CmsService from "../services/cms"

/**
 * The origins allowed on the "Website" page become the `frame-ancestors` of
 * every `/embed/...` page (booking, events, voucher shop, top-up): core's
 * `sendEmbedPage` reads them through this registration, no other plugin is
 * changed. No origins: any site may frame them, as before (decision 116).
 */
export default async function embedAncestors(container: AwilixContainer): Promise<void> {
  const cms = () => container.resolve<CmsService>("cmsService")
  registerEmbedAncestors(() => cms().allowedOriginsNow())
  // Read once now, so the first page after a start already has the list (a missing table before the first migration is no error).
  await cms()
    .settings()
    .catch(() => undefined)
}
