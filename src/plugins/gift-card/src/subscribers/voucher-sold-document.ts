import type { SubscriberArgs, SubscriberConfig } from "@medusajs/medusa"

import type { DocumentService } from "@customer-modules/jobs"

import VoucherService from "../services/voucher"

type Sold = { id: string; transaction_id: string; amount: number; currency_code: string }

/**
 * Every sold voucher gets its PDF in the merchant's design, rendered by the
 * jobs pipeline (the till's answer never waits for it) and kept under
 * "Mail & documents", keyed by the sale: a repeated event renders it once.
 */
export default async function voucherSoldDocument({ data, container }: SubscriberArgs<Sold>): Promise<void> {
  const document = await container.resolve<VoucherService>("voucherService").documentData(data.id).catch(() => null)
  if (!document) {
    return // blocked or emptied since: nothing worth printing
  }
  await container.resolve<DocumentService>("documentService").enqueue({
    key: `voucher:${data.id}:sold:${data.transaction_id}`,
    kind: "voucher",
    data: { ...document, amount_minor: data.amount },
  })
}

export const config: SubscriberConfig = {
  event: VoucherService.Events.SOLD,
  context: { subscriberId: "gift-card-voucher-sold-document" },
}
