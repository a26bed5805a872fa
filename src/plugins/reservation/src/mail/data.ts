import { z } from "zod"

const text = (max: number) => z.string().trim().min(1).max(max)

/** What every reservation mail carries: the booking as the guest sees it. */
export const reservationMailSchema = z
  .object({
    name: text(120).nullish(),
    reference: text(60),
    location_name: text(200),
    address: text(500).nullish(),
    starts_at: z.string().datetime({ offset: true }),
    ends_at: z.string().datetime({ offset: true }),
    time_zone: text(60),
    party_size: z.number().int().positive().max(1000),
    cancel_url: z.string().url().max(2000).nullish(),
    phone: text(40).nullish(),
    email: z.string().email().max(254).nullish(),
    note: z.string().max(1000).nullish(),
    source: z.enum(["online", "phone", "walk_in"]).optional(),
  })
  .strict()

export type ReservationMailData = z.output<typeof reservationMailSchema>

export const sampleReservation: z.input<typeof reservationMailSchema> = {
  name: "Anna Gast",
  reference: "R-7K2M9Q",
  location_name: "Café Müller",
  address: "Hauptstraße 1, 10115 Berlin",
  starts_at: "2026-12-24T18:30:00+01:00",
  ends_at: "2026-12-24T20:30:00+01:00",
  time_zone: "Europe/Berlin",
  party_size: 4,
  cancel_url: "https://example.com/embed/booking/cancel?id=resv_1&token=abc",
  phone: "+49 171 1234567",
  email: "anna@example.com",
  note: "Window seat, please",
  source: "online",
}
