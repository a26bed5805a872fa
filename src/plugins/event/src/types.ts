import type { LocalText, PriceCategory, Question } from "./validators"

export type Venue = {
  id: string
  name: string
  address: string | null
  time_zone: string
  capacity_hint: number | null
  location_id: string | null
  created_at: Date
  updated_at: Date
}

export type Template = {
  id: string
  title: string
  description: string | null
  image_url: string | null
  venue_id: string | null
  duration_minutes: number
  capacity: number
  price: number
  currency_code: string
  price_categories: PriceCategory[]
  questions: Question[]
  waitlist: boolean
  min_participants: number | null
  mail_texts: Record<string, string>
  created_at: Date
  updated_at: Date
}

export type EventRow = {
  id: string
  template_id: string | null
  series_id: string | null
  venue_id: string
  title: string
  description: string | null
  image_url: string | null
  starts_at: Date
  ends_at: Date
  local_start: string
  local_end: string
  time_zone: string
  capacity: number
  price: number
  currency_code: string
  price_categories: PriceCategory[]
  questions: Question[]
  published: boolean
  status: "scheduled" | "cancelled"
  waitlist: boolean
  registration_opens_at: Date | null
  registration_closes_at: Date | null
  min_participants: number | null
  cancel_by: Date | null
  hold_minutes: number
  payment_days: number | null
  offer_hours: number
  cancel_cutoff_hours: number
  mail_texts: Record<string, string>
  sequence: number
  cancelled_at: Date | null
  created_at: Date
  updated_at: Date
}

/** An event with its venue and its places as they are now. */
export type EventView = EventRow & {
  venue: { id: string; name: string; address: string | null; time_zone: string }
  taken: number
  seats_left: number
  waitlisted: number
}

export type RegistrationStatus = "held" | "confirmed" | "waitlisted" | "offered" | "cancelled" | "expired"
export type PaymentStatus = "not_required" | "unpaid" | "paid" | "refunded"

export type Registration = {
  id: string
  seq: number
  event_id: string
  name: string
  email: string | null
  phone: string | null
  locale: "de" | "en" | "pt"
  quantity: number
  lines: { category_id: string; quantity: number; unit_price: number }[]
  amount: number
  currency_code: string
  status: RegistrationStatus
  payment_status: PaymentStatus
  payment_method: string | null
  paid_at: Date | null
  hold_expires_at: Date | null
  offer_expires_at: Date | null
  payment_due_at: Date | null
  answers: Record<string, string | boolean>
  participants: { name?: string }[]
  note: string | null
  source: "web" | "admin" | "pos"
  cart_id: string | null
  order_id: string | null
  checked_in_at: Date | null
  cancelled_at: Date | null
  created_at: Date
  updated_at: Date
}

export type { LocalText }

/** The text of a LocalText in a locale, falling back to German, English, Portuguese. */
export function localText(t: LocalText | undefined | null, locale: string): string {
  if (!t) {
    return ""
  }
  if (typeof t === "string") {
    return t
  }
  return t[locale as "de"] ?? t.de ?? t.en ?? t.pt ?? ""
}
