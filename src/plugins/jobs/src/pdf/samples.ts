import type { DocumentDataByKind } from "../schemas"
import type { DocumentKind } from "../types"

/** Sample data for the admin's live preview of jobs' own document kinds (registered kinds bring their own `sample`). */
export function sampleDocument<K extends DocumentKind>(kind: K): DocumentDataByKind[K] {
  const samples: DocumentDataByKind = {
    booking_confirmation: {
      reference: "B-1234",
      customer_name: "Anna Beispiel",
      starts_at: new Date(Date.now() + 3 * 86_400_000).toISOString(),
      time_zone: "Europe/Berlin",
      party_size: 4,
      location_name: "Café am Markt",
      location_address: ["Marktplatz 3", "10115 Berlin"],
    },
  }
  return samples[kind]
}
