import type { ConfigModule, Customer } from "@medusajs/medusa"
import { TransactionBaseService } from "@medusajs/medusa"
import { EntityManager } from "typeorm"

import { addressLines, formatNumber } from "@customer-modules/jobs"
import type { BrandingService, DocumentService, Locale, MailService } from "@customer-modules/jobs"
import type { ValueAccountService } from "@customer-modules/ledger"

import type { BirthdayLetterDocumentData } from "../documents/letter"
import type { LoyaltyCustomer } from "../types"
import type LoyaltyService from "./loyalty"
import { birthdayKeys, localDate } from "../utils/points"
import type { LoyaltyPluginOptions } from "../utils/unsubscribe"
import { UnsubscribeLinks } from "../utils/unsubscribe"
import { customerView, MAX_LIST } from "../utils/views"
import type { MemberRow } from "../utils/views"
import type { LoyaltySettings } from "../validators"

type InjectedDependencies = {
  manager: EntityManager
  configModule: ConfigModule
  loyaltyService: LoyaltyService
  valueAccountService: ValueAccountService
  mailService: MailService
  brandingService: BrandingService
  documentService: DocumentService
}

/**
 * Birthdays: the members whose birthday is coming, the daily birthday
 * schedule (points, mail with the letter, or the letter alone) and the
 * birthday letters to print.
 *
 * Guarantees, however often the schedule runs and on however many instances:
 * - per customer and year at most one grant of birthday points, one mail and
 *   one stored letter (all keyed `loyalty:birthday:<customer>:<year>`, the
 *   letter alone `loyalty:birthday-letter:…`);
 * - the mail is advertising: it goes only to a real e-mail of a member who
 *   agreed to marketing mails, with an unsubscribe link; the points go to
 *   everyone;
 * - "today" is the programme's time zone's day.
 *
 * Resolved as `loyaltyBirthdayService`; the `loyalty.birthdays` schedule runs
 * `sendBirthdayGreetings`.
 */
export default class LoyaltyBirthdayService extends TransactionBaseService {
  protected readonly loyaltyService_: LoyaltyService
  protected readonly valueAccountService_: ValueAccountService
  protected readonly mailService_: MailService
  protected readonly links_: UnsubscribeLinks
  protected readonly brandingService_: BrandingService
  protected readonly documentService_: DocumentService

  constructor(container: InjectedDependencies, options?: LoyaltyPluginOptions) {
    super(container)
    this.links_ = UnsubscribeLinks.of(container.configModule, options)
    this.loyaltyService_ = container.loyaltyService
    this.valueAccountService_ = container.valueAccountService
    this.mailService_ = container.mailService
    this.brandingService_ = container.brandingService
    this.documentService_ = container.documentService
  }


  /** Members whose birthday falls in the next `days` local days (today first) in `time_zone`. */
  async upcomingBirthdays(
    days: number,
    time_zone: string,
    now: Date = new Date()
  ): Promise<{ customer: LoyaltyCustomer; date: string; age: number }[]> {
    const keys = birthdayKeys(now, time_zone, days)
    const rows: (MemberRow & { id: string; first_name: string; last_name: string; email: string; customer_phone: string | null; has_account: boolean; md: number })[] =
      await this.activeManager_.query(
        `SELECT c.id, c.first_name, c.last_name, c.email, c.phone AS customer_phone, c.has_account,
                m.customer_id, m.account_id, m.birthday::text AS birthday, m.phone, m.email_placeholder, m.marketing_consent,
                ((EXTRACT(MONTH FROM m.birthday) * 100 + EXTRACT(DAY FROM m.birthday))::int) AS md
           FROM loyalty_member m JOIN customer c ON c.id = m.customer_id
          WHERE m.birthday IS NOT NULL AND c.deleted_at IS NULL AND ((EXTRACT(MONTH FROM m.birthday) * 100 + EXTRACT(DAY FROM m.birthday))::int) = ANY($1)
          LIMIT ${MAX_LIST}`,
        [keys.map((k) => k.md)]
      )
    const order = new Map<number, number>()
    keys.forEach((k, i) => order.set(k.md, order.get(k.md) ?? i))
    return rows
      .map((r) => {
        const date = keys[order.get(Number(r.md))!].date
        const customer = customerView({ ...r, phone: r.customer_phone } as unknown as Customer, r)
        return { customer, date, age: Number(date.slice(0, 4)) - Number(r.birthday!.slice(0, 4)) }
      })
      .sort((a, b) => a.date.localeCompare(b.date) || a.customer.id.localeCompare(b.customer.id))
  }

  /**
   * The birthday schedule: for every member whose birthday is today (in the
   * programme's time zone), once per customer and year, the birthday points
   * (when set) and either a birthday mail with the letter attached and an
   * unsubscribe link, or the letter alone as a stored document to print or
   * hand over. The mail is advertising: only members who agreed to marketing
   * mails get it (never placeholder e-mails); the points go to everyone.
   * Safe to run any number of times: mail, letter and points are keyed
   * `loyalty:birthday:<customer>:<year>` (the letter alone `loyalty:birthday-letter:…`).
   */
  async sendBirthdayGreetings(
    now: Date = new Date()
  ): Promise<{ customers: number; mails: string[]; letters: string[]; points_granted: number; skipped_without_consent: number }> {
    const settings = await this.loyaltyService_.withTransaction(this.activeManager_).settings()
    const today = await this.upcomingBirthdays(1, settings.time_zone, now)
    const year = localDate(now, settings.time_zone).year
    const letters = await this.birthdayLetters_(today, settings)
    const mails: string[] = []
    const stored: string[] = []
    let granted = 0
    let skipped = 0
    for (const [i, { customer }] of today.entries()) {
      const key = `loyalty:birthday:${customer.id}:${year}`
      if (settings.birthday_points > 0) {
        const movement = await this.atomicPhase_(async (manager) => {
          const member = await this.loyaltyService_.withTransaction(manager).ensureMember(customer.id)
          return this.valueAccountService_.withTransaction(manager).credit(member.account_id!, settings.birthday_points, "grant", {
            reference: `birthday ${year}`,
            idempotency_key: key,
            metadata: { source: "birthday" },
          })
        })
        if (!movement.replayed) {
          granted++
        }
      }
      const letter = letters[i]
      if (!getsBirthdayMail(customer)) {
        skipped += customer.email ? 1 : 0
        const document = await this.documentService_.enqueue({ key: `loyalty:birthday-letter:${customer.id}:${year}`, kind: "birthday_letter", data: letter })
        stored.push(document.id)
        continue
      }
      const mail = await this.mailService_.enqueue({
        key,
        kind: "birthday",
        to: customer.email,
        data: { customer_name: letter.customer.name, message: letter.message, reward: letter.reward, unsubscribe_url: this.links_.url(customer.id) },
        // The birthday letter in the merchant's design, rendered by the jobs plugin.
        attachments: [{ document: { kind: "birthday_letter", key, filename: "birthday-letter.pdf", data: letter } }],
      })
      mails.push(mail.id)
    }
    return { customers: today.length, mails, letters: stored, points_granted: granted, skipped_without_consent: skipped }
  }

  /**
   * The birthday letters of the next `days` days as one PDF to print and post
   * in time (one letter per page, dated on the birthday, addressed to the
   * customer's billing address when the shop knows one): for everyone, or only
   * for those who get no birthday mail. Null when nobody is listed.
   */
  async printBirthdayLetters(
    days: number,
    time_zone: string,
    from: Date = new Date(),
    recipients: "without_mail" | "all" = "without_mail"
  ): Promise<{ content: Buffer; letters: number } | null> {
    const settings = await this.loyaltyService_.withTransaction(this.activeManager_).settings()
    const listed = (await this.upcomingBirthdays(days, time_zone, from)).filter((b) => recipients === "all" || !getsBirthdayMail(b.customer))
    if (!listed.length) {
      return null
    }
    const letters = await this.birthdayLetters_(listed, settings)
    return { content: await this.documentService_.render("birthday_letters", { letters }), letters: letters.length }
  }

  /** Each listed customer's birthday letter: name, postal address (if known), the programme's message and gift. */
  protected async birthdayLetters_(
    listed: { customer: LoyaltyCustomer; date: string }[],
    settings: LoyaltySettings
  ): Promise<(BirthdayLetterDocumentData & { message?: string; reward?: string })[]> {
    if (!listed.length) {
      return []
    }
    const rows: { id: string; address_1: string | null; address_2: string | null; postal_code: string | null; city: string | null; country_code: string | null }[] =
      await this.activeManager_.query(
        `SELECT c.id, a.address_1, a.address_2, a.postal_code, a.city, a.country_code
           FROM customer c JOIN address a ON a.id = c.billing_address_id AND a.deleted_at IS NULL
          WHERE c.id = ANY($1)`,
        [listed.map((b) => b.customer.id)]
      )
    const addresses = new Map(rows.map((r) => [r.id, addressLines(r).map((l) => l.slice(0, 200))]))
    const reward = settings.birthday_points > 0 ? pointsGift(settings.birthday_points, (await this.brandingService_.retrieve()).default_locale) : undefined
    return listed.map(({ customer, date }) => ({
      date,
      customer: {
        name: ([customer.first_name, customer.last_name].filter(Boolean).join(" ") || customer.email || "").slice(0, 200) || "—",
        address_lines: addresses.get(customer.id) ?? [],
      },
      message: settings.birthday_message ?? undefined,
      reward,
    }))
  }
}

/** "25 Bonuspunkte": the birthday points as the gift line of the mail and the letter. */
function pointsGift(points: number, locale: Locale): string {
  const n = formatNumber(points, locale)
  return { de: `${n} Bonuspunkte`, en: `${n} bonus points`, pt: `${n} pontos de bónus` }[locale]
}

/** Birthday mails are advertising: only to a real e-mail of a member who agreed to marketing mails. */
function getsBirthdayMail(customer: LoyaltyCustomer): customer is LoyaltyCustomer & { email: string } {
  return !!customer.email && customer.marketing_consent
}
