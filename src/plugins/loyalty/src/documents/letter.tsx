import { z } from "zod"

import { AddressBlock, documentStyles as styles, formatDate, schemaParts as p, Text, View } from "@customer-modules/jobs"
import type { DocumentBranding, Locale } from "@customer-modules/jobs"

/** One birthday letter (loyalty's document kind `birthday_letter`, and each page of `birthday_letters`). */
export const birthdayLetterDocumentSchema = z
  .object({
    date: p.isoDate,
    customer: p.party,
    message: p.optText(2000),
    reward: p.optText(300),
    valid_until: p.isoDate.nullish(),
    locale: p.locale.nullish(),
  })
  .strict()

export type BirthdayLetterDocumentData = z.input<typeof birthdayLetterDocumentSchema>
type Letter = z.output<typeof birthdayLetterDocumentSchema>

export const LABELS: Record<Locale, { birthday: string; birthday_default: string; reward: string; valid_until: string; dear(name: string): string }> = {
  de: {
    birthday: "Alles Gute zum Geburtstag!",
    birthday_default: "Wir wünschen Ihnen alles Gute zum Geburtstag und freuen uns auf Ihren nächsten Besuch.",
    reward: "Unser Geschenk für Sie",
    valid_until: "Gültig bis",
    dear: (name) => `Liebe/r ${name},`,
  },
  en: {
    birthday: "Happy birthday!",
    birthday_default: "We wish you a very happy birthday and look forward to your next visit.",
    reward: "Our gift to you",
    valid_until: "Valid until",
    dear: (name) => `Dear ${name},`,
  },
  pt: {
    birthday: "Feliz aniversário!",
    birthday_default: "Desejamos-lhe um feliz aniversário e esperamos vê-lo em breve.",
    reward: "A nossa oferta para si",
    valid_until: "Válido até",
    dear: (name) => `Caro(a) ${name},`,
  },
}

/** What a birthday letter says, on its page. */
export function BirthdayLetterBody({ data, branding, locale }: { data: Letter; branding: DocumentBranding; locale: Locale }) {
  const L = LABELS[locale]
  return (
    <>
      <AddressBlock branding={branding} lines={[data.customer.name, ...data.customer.address_lines]} />
      <Text style={{ textAlign: "right", marginBottom: 24 }}>{formatDate(data.date, locale)}</Text>
      <Text style={[styles.title, { color: branding.primary_color, fontSize: 24 }]}>{L.birthday}</Text>
      <Text style={{ fontSize: 12, marginBottom: 12 }}>{L.dear(data.customer.name)}</Text>
      <Text style={{ fontSize: 12, lineHeight: 1.5 }}>{data.message ?? L.birthday_default}</Text>
      {data.reward ? (
        <View style={{ marginTop: 24, padding: 16, borderWidth: 2, borderColor: branding.secondary_color, borderRadius: 6 }}>
          <Text style={styles.muted}>{L.reward}</Text>
          <Text style={{ fontSize: 16, fontFamily: "Helvetica-Bold" }}>{data.reward}</Text>
          {data.valid_until ? <Text style={styles.muted}>{`${L.valid_until} ${formatDate(data.valid_until, locale)}`}</Text> : null}
        </View>
      ) : null}
      <Text style={{ marginTop: 32, fontSize: 12 }}>{branding.sender_name}</Text>
    </>
  )
}

export const sampleLetter = (name = "Anna Beispiel", address_lines = ["Musterstraße 1", "10115 Berlin"], reward = "Ein Dessert aufs Haus"): BirthdayLetterDocumentData => ({
  date: new Date().toISOString().slice(0, 10),
  customer: { name, address_lines },
  reward,
})
