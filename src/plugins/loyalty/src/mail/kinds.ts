/**
 * The loyalty plugin's mail kinds (registered from its loader `registrations.ts`):
 * data schema, sample for the admin's preview and the text in de, en and pt.
 */
import { z } from "zod"

import { defineMailKind, formatNumber, mailText, schemaParts as p } from "@customer-modules/jobs"

const greeting = { customer_name: p.name }
/** Marketing mails carry the customer's unsubscribe link (footer and List-Unsubscribe header). */
const optOut = { unsubscribe_url: p.url.nullish() }

const birthdaySchema = z.object({ ...greeting, ...optOut, message: p.optText(2000), reward: p.optText(300) }).strict()
export type BirthdayMailData = z.input<typeof birthdaySchema>

/** To the member: birthday wishes (a marketing mail: with the unsubscribe link). */
export const birthdayMail = defineMailKind({
  kind: "birthday",
  plugin: "loyalty",
  schema: birthdaySchema,
  sample: { customer_name: "Anna Beispiel", reward: "Ein Dessert aufs Haus" },
  templates: {
    de: (d, c) => ({
      ...mailText.base(d.customer_name, c),
      ...mailText.optOut(d, c),
      subject: `Alles Gute zum Geburtstag von ${c.sender}!`,
      paragraphs: [d.message ?? "wir wünschen Ihnen alles Gute zum Geburtstag und freuen uns auf Ihren nächsten Besuch.", ...(d.reward ? [`Unser Geschenk für Sie: ${d.reward}`] : [])],
    }),
    en: (d, c) => ({
      ...mailText.base(d.customer_name, c),
      ...mailText.optOut(d, c),
      subject: `Happy birthday from ${c.sender}!`,
      paragraphs: [d.message ?? "We wish you a very happy birthday and look forward to your next visit.", ...(d.reward ? [`Our gift to you: ${d.reward}`] : [])],
    }),
    pt: (d, c) => ({
      ...mailText.base(d.customer_name, c),
      ...mailText.optOut(d, c),
      subject: `Feliz aniversário da parte de ${c.sender}!`,
      paragraphs: [d.message ?? "Desejamos-lhe um feliz aniversário e esperamos vê-lo em breve.", ...(d.reward ? [`A nossa oferta para si: ${d.reward}`] : [])],
    }),
  },
})

const pointsExpirySchema = z.object({ ...greeting, points: z.number().int().positive(), expires_at: p.isoDate }).strict()
export type PointsExpiryMailData = z.input<typeof pointsExpirySchema>

/** To the member: points that expire soon. */
export const pointsExpiryMail = defineMailKind({
  kind: "points_expiry",
  plugin: "loyalty",
  schema: pointsExpirySchema,
  sample: { customer_name: "Anna Beispiel", points: 1250, expires_at: "2026-12-31" },
  templates: {
    de: (d, c) => ({
      ...mailText.base(d.customer_name, c),
      subject: `Ihre Bonuspunkte verfallen am ${c.date(d.expires_at)}`,
      paragraphs: [`${formatNumber(d.points, c.locale)} Ihrer Bonuspunkte verfallen am ${c.date(d.expires_at)}. Lösen Sie sie vorher bei Ihrem nächsten Besuch ein.`],
    }),
    en: (d, c) => ({
      ...mailText.base(d.customer_name, c),
      subject: `Your bonus points expire on ${c.date(d.expires_at)}`,
      paragraphs: [`${formatNumber(d.points, c.locale)} of your bonus points expire on ${c.date(d.expires_at)}. Redeem them on your next visit before then.`],
    }),
    pt: (d, c) => ({
      ...mailText.base(d.customer_name, c),
      subject: `Os seus pontos expiram a ${c.date(d.expires_at)}`,
      paragraphs: [`${formatNumber(d.points, c.locale)} dos seus pontos expiram a ${c.date(d.expires_at)}. Utilize-os antes disso na sua próxima visita.`],
    }),
  },
})

const reactivationSchema = z.object({ ...greeting, ...optOut, message: p.optText(2000), offer: p.optText(300), offer_valid_until: p.isoDate.nullish() }).strict()
export type ReactivationMailData = z.input<typeof reactivationSchema>

/** To a member not seen for a while (a marketing mail: with the unsubscribe link). */
export const reactivationMail = defineMailKind({
  kind: "reactivation",
  plugin: "loyalty",
  schema: reactivationSchema,
  sample: { customer_name: "Anna Beispiel", offer: "10 % auf alles", offer_valid_until: "2026-06-30" },
  templates: {
    de: (d, c) => ({
      ...mailText.base(d.customer_name, c),
      ...mailText.optOut(d, c),
      subject: `Wir vermissen Sie bei ${c.sender}`,
      paragraphs: [
        d.message ?? "wir haben Sie schon eine Weile nicht gesehen und würden uns über Ihren Besuch freuen.",
        ...(d.offer ? [`Als kleines Dankeschön: ${d.offer}${d.offer_valid_until ? ` (gültig bis ${c.date(d.offer_valid_until)})` : ""}`] : []),
      ],
    }),
    en: (d, c) => ({
      ...mailText.base(d.customer_name, c),
      ...mailText.optOut(d, c),
      subject: `We miss you at ${c.sender}`,
      paragraphs: [
        d.message ?? "We haven't seen you for a while and would be delighted to welcome you again.",
        ...(d.offer ? [`As a small thank-you: ${d.offer}${d.offer_valid_until ? ` (valid until ${c.date(d.offer_valid_until)})` : ""}`] : []),
      ],
    }),
    pt: (d, c) => ({
      ...mailText.base(d.customer_name, c),
      ...mailText.optOut(d, c),
      subject: `Temos saudades suas na ${c.sender}`,
      paragraphs: [
        d.message ?? "Há algum tempo que não o vemos e teríamos todo o gosto em recebê-lo novamente.",
        ...(d.offer ? [`Como pequeno agradecimento: ${d.offer}${d.offer_valid_until ? ` (válido até ${c.date(d.offer_valid_until)})` : ""}`] : []),
      ],
    }),
  },
})

/** Every mail kind of the loyalty plugin, for its loader. */
export const MAIL_KINDS = [birthdayMail, pointsExpiryMail, reactivationMail] as const
