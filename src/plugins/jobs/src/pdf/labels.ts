import type { Locale } from "../types"

/** What jobs' own documents print (the booking confirmation); other kinds bring their labels from their owner. */
const de = {
  reference: "Beleg",
  booking: "Reservierungsbestätigung",
  when: "Wann",
  guests: "Personen",
  table: "Tisch",
  where: "Wo",
  cancel: "Stornieren",
  dear: (name: string) => `Liebe/r ${name},`,
}
type Labels = typeof de

const en: Labels = {
  reference: "Reference",
  booking: "Booking confirmation",
  when: "When",
  guests: "Guests",
  table: "Table",
  where: "Where",
  cancel: "Cancel",
  dear: (name: string) => `Dear ${name},`,
}

const pt: Labels = {
  reference: "Referência",
  booking: "Confirmação de reserva",
  when: "Quando",
  guests: "Pessoas",
  table: "Mesa",
  where: "Onde",
  cancel: "Cancelar",
  dear: (name: string) => `Caro(a) ${name},`,
}

export const LABELS: Record<Locale, Labels> = { de, en, pt }
export type { Labels }
