import type { Locale } from "../types"

/**
 * A document's printed labels in de, en and pt: German gives the shape, English and
 * Portuguese must have every key of it (and no other). Every document kind's labels
 * (jobs' own and those its owners bring) are written with it.
 */
export function defineLabels<L extends Record<string, unknown>>(labels: { de: L; en: NoInfer<L>; pt: NoInfer<L> }): Record<Locale, L> {
  return labels
}

/** What jobs' own documents print (the booking confirmation); other kinds bring their labels from their owner. */
export const LABELS = defineLabels({
  de: {
    reference: "Beleg",
    booking: "Reservierungsbestätigung",
    when: "Wann",
    guests: "Personen",
    table: "Tisch",
    where: "Wo",
    cancel: "Stornieren",
    dear: (name: string) => `Liebe/r ${name},`,
  },
  en: {
    reference: "Reference",
    booking: "Booking confirmation",
    when: "When",
    guests: "Guests",
    table: "Table",
    where: "Where",
    cancel: "Cancel",
    dear: (name: string) => `Dear ${name},`,
  },
  pt: {
    reference: "Referência",
    booking: "Confirmação de reserva",
    when: "Quando",
    guests: "Pessoas",
    table: "Mesa",
    where: "Onde",
    cancel: "Cancelar",
    dear: (name: string) => `Caro(a) ${name},`,
  },
})
export type Labels = (typeof LABELS)["de"]
