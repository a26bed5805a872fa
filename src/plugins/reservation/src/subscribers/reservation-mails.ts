import type { SubscriberArgs, SubscriberConfig } from "@medusajs/medusa"
import type { EntityManager } from "typeorm"

import type ReservationMailService from "../services/reservation-mail"

type Payload = { id: string; source?: string; by?: string }

/**
 * After commit: the guest's confirmation (and the merchant's notice of an
 * online booking) for a new reservation, the cancellation mail for a cancelled
 * one. Business keys make a redelivered event send nothing twice.
 */
export default async function sendReservationMails({ data, eventName, container }: SubscriberArgs<Payload>): Promise<void> {
  const manager = container.resolve<EntityManager>("manager")
  await manager.transaction(async (tx) => {
    const mails = container.resolve<ReservationMailService>("reservationMailService").withTransaction(tx)
    if (eventName === "reservation.created") {
      await mails.sendConfirmation(data.id)
      if (data.source === "online") await mails.sendMerchantNotice(data.id)
    } else if (eventName === "reservation.cancelled") {
      await mails.sendCancelled(data.id)
    }
  })
}

export const config: SubscriberConfig = {
  event: ["reservation.created", "reservation.cancelled"],
  context: { subscriberId: "reservation-mails" },
}
