import { defineDocumentKind, Frame } from "@customer-modules/jobs"

import { BirthdayLetterBody, birthdayLetterDocumentSchema, LABELS, sampleLetter } from "./letter"

/** A birthday letter, printable or attached to the birthday mail. */
export default defineDocumentKind({
  kind: "birthday_letter",
  plugin: "loyalty",
  schema: birthdayLetterDocumentSchema,
  sample: sampleLetter(),
  element: (data, c) => (
    <Frame branding={c.branding} title={LABELS[c.locale].birthday}>
      <BirthdayLetterBody data={data} branding={c.branding} locale={c.locale} />
    </Frame>
  ),
})
