import type { DocumentDataByKind } from "../schemas"
import type { DocumentKind } from "../types"

/** Sample data for the admin's live preview of each document kind. */
export function sampleDocument<K extends DocumentKind>(kind: K): DocumentDataByKind[K] {
  const today = new Date().toISOString().slice(0, 10)
  const in14 = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10)
  const samples: DocumentDataByKind = {
    invoice: {
      number: "RE-2026-0042",
      issue_date: today,
      delivery_date: today,
      due_date: in14,
      currency_code: "EUR",
      buyer: { name: "Anna Beispiel", address_lines: ["Musterstraße 1", "10115 Berlin"], customer_number: "K-1001" },
      lines: [
        { description: "Mittagsmenü", quantity: 2, unit_price_minor: 1250, tax_rate: 7 },
        { description: "Weinbegleitung", quantity: 2, unit_price_minor: 900, tax_rate: 19 },
        { description: "Catering-Pauschale", quantity: 1, unit_price_minor: 5000, tax_rate: 19 },
      ],
    },
    voucher: {
      code: "GV-7Q4M-K2XP-9D3A",
      amount_minor: 5000,
      currency_code: "EUR",
      valid_until: in14,
      recipient_name: "Anna Beispiel",
      message: "Alles Gute!",
    },
    statement: {
      as_of: today,
      currency_code: "EUR",
      customer: { name: "Anna Beispiel", address_lines: ["Musterstraße 1", "10115 Berlin"] },
      items: [
        { date: today, reference: "RE-2026-0040", description: "Rechnung", due_date: in14, amount_minor: 4210 },
        { date: today, reference: "RE-2026-0041", description: "Rechnung", due_date: in14, amount_minor: 1890 },
      ],
    },
    birthday_letter: { date: today, customer: { name: "Anna Beispiel", address_lines: ["Musterstraße 1", "10115 Berlin"] }, reward: "Ein Dessert aufs Haus" },
    birthday_letters: {
      letters: [
        { date: today, customer: { name: "Anna Beispiel", address_lines: ["Musterstraße 1", "10115 Berlin"] }, reward: "Ein Dessert aufs Haus" },
        { date: today, customer: { name: "Bruno Muster", address_lines: [] }, reward: "25 Bonuspunkte" },
      ],
    },
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
