import type { SubscriberArgs, SubscriberConfig } from "@medusajs/medusa"
import type { EntityManager } from "typeorm"

import type { MailService } from "@customer-modules/jobs"
import type { PosLocationService } from "@customer-modules/pos"

import type FeedbackService from "../services/feedback"

/**
 * After each stored response: mails the merchant when the share of bad
 * ratings in the alert's window reached its threshold, at most once per window
 * (the claim and the mail are one transaction; the mail is keyed by the claim).
 */
export default async function mailAlertIfBadRatings({
  data,
  container,
}: SubscriberArgs<{ id: string; questionnaire_id: string; location_id: string }>): Promise<void> {
  const manager = container.resolve<EntityManager>("manager")
  const timeZone = await container
    .resolve<PosLocationService>("posLocationService")
    .retrieve(data.location_id)
    .then((l) => l.time_zone)
    .catch(() => "UTC")
  await manager.transaction(async (tx) => {
    const mail = await container.resolve<FeedbackService>("feedbackService").withTransaction(tx).claimAlert(data.questionnaire_id)
    if (!mail) {
      return
    }
    await container
      .resolve<MailService>("mailService")
      .withTransaction(tx)
      .enqueue({ key: mail.key, kind: "feedback_alert", to: mail.to, locale: mail.locale as "de" | "en" | "pt", data: { ...mail.data, time_zone: timeZone } })
  })
}

export const config: SubscriberConfig = {
  event: "feedback.response_received",
  context: { subscriberId: "feedback-alert-on-bad-ratings" },
}
