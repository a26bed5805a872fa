import { z } from "zod"

import { defineDocumentKind, Document, FramePage, schemaParts as p } from "@customer-modules/jobs"

import { BirthdayLetterBody, birthdayLetterDocumentSchema, LABELS, sampleLetter } from "./letter"

/** Most letters in one printable PDF. */
export const MAX_LETTERS_PER_PDF = 500

export const birthdayLettersDocumentSchema = z
  .object({ letters: z.array(birthdayLetterDocumentSchema).min(1).max(MAX_LETTERS_PER_PDF), locale: p.locale.nullish() })
  .strict()

export type BirthdayLettersDocumentData = z.input<typeof birthdayLettersDocumentSchema>

/** Several birthday letters in one PDF to print, one letter per page, each in its own language. */
export default defineDocumentKind({
  kind: "birthday_letters",
  plugin: "loyalty",
  schema: birthdayLettersDocumentSchema,
  sample: { letters: [sampleLetter(), sampleLetter("Bruno Muster", [], "25 Bonuspunkte")] },
  element: (data, c) => (
    <Document title={LABELS[c.locale].birthday} author={c.branding.sender_name} creator="customer-modules">
      {data.letters.map((letter, i) => (
        <FramePage key={i} branding={c.branding} numbered={false}>
          <BirthdayLetterBody data={letter} branding={c.branding} locale={letter.locale ?? c.locale} />
        </FramePage>
      ))}
    </Document>
  ),
})
