import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { contentDisposition, DomainError, parseBody } from "@customer-modules/core"

import type LoyaltyBirthdayService from "#services/loyalty-birthday"
import { birthdayTimeZone } from "#utils/time-zone"
import { BirthdayLettersQuery } from "#validators"

/**
 * GET /admin/loyalty/birthdays/letters?days=14&location_id=&from=&recipients=without_mail|all
 * → application/pdf: the birthday letters of the listed days to print and post
 * in time, one per page; by default only for customers who get no birthday
 * mail. 404 `no_letters` when nobody is listed.
 */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const query = parseBody(BirthdayLettersQuery, req.query)
  const timeZone = await birthdayTimeZone(req, query.location_id)
  const printed = await req.scope
    .resolve<LoyaltyBirthdayService>("loyaltyBirthdayService")
    .printBirthdayLetters(query.days ?? 14, timeZone, query.from, query.recipients ?? "without_mail")
  if (!printed) {
    throw new DomainError("no_letters", "Nobody on the birthday list needs a letter in these days", 404)
  }
  res.setHeader("Content-Type", "application/pdf")
  res.setHeader("Content-Disposition", contentDisposition("attachment", `birthday-letters.pdf`))
  res.setHeader("X-Letters", String(printed.letters))
  res.status(200).send(printed.content)
}
