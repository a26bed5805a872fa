import { z } from "zod"

import { defineDocumentKind, Document, documentStyles, formatDateTime, formatMoney, FramePage, Text, View } from "@customer-modules/jobs"

/** Rows on one list; the admin's participant list stops there too. */
export const MAX_LIST_ROWS = 5000

const line = (max: number) => z.string().max(max)

const schema = z
  .object({
    locale: z.enum(["de", "en", "pt"]).nullish(),
    event: z
      .object({
        title: line(200).min(1),
        starts_at: z.string().datetime({ offset: true }),
        ends_at: z.string().datetime({ offset: true }),
        time_zone: line(64).min(1),
        venue: line(200).min(1),
        address: line(500).nullish(),
        capacity: z.number().int().min(0),
        status: z.enum(["scheduled", "cancelled"]),
      })
      .strict(),
    currency_code: z.string().length(3),
    totals: z
      .object({
        confirmed: z.number().int().min(0),
        waitlisted: z.number().int().min(0),
        checked_in: z.number().int().min(0),
        paid_amount: z.number().int().min(0),
        open_amount: z.number().int().min(0),
      })
      .strict(),
    registrations: z
      .array(
        z
          .object({
            seq: z.number().int().min(0),
            name: line(200).min(1),
            contact: line(400).nullish(),
            quantity: z.number().int().positive(),
            status: z.enum(["held", "confirmed", "waitlisted", "offered", "cancelled", "expired"]),
            payment_status: z.enum(["not_required", "unpaid", "paid", "refunded"]),
            payment_method: line(40).nullish(),
            paid_at: z.string().datetime({ offset: true }).nullish(),
            amount: z.number().int().min(0),
            participants: z.array(line(200)).max(50),
            answers: z.array(z.object({ label: line(200), value: line(2000) }).strict()).max(50),
            note: line(2000).nullish(),
            checked_in: z.boolean(),
          })
          .strict()
      )
      .max(MAX_LIST_ROWS),
  })
  .strict()

export type ParticipantListData = z.input<typeof schema>

const L = {
  de: {
    title: "Teilnehmerliste",
    when: "Wann",
    where: "Ort",
    capacity: "Plätze",
    cancelled: "Diese Veranstaltung ist abgesagt.",
    no: "Nr.",
    name: "Name / Teilnehmende",
    places: "Pl.",
    status: "Status",
    payment: "Zahlung",
    checkIn: "Einlass",
    answers: "Antworten",
    note: "Notiz",
    none: "Noch keine Anmeldungen.",
    confirmed: "Bestätigt",
    waitlisted: "Warteliste",
    checkedIn: "Eingelassen",
    paid: "Bezahlt",
    open: "Offen",
    printed: "Stand",
    st: { held: "reserviert", confirmed: "bestätigt", waitlisted: "Warteliste", offered: "Platz angeboten", cancelled: "storniert", expired: "verfallen" },
    pay: { not_required: "kostenlos", unpaid: "offen", paid: "bezahlt", refunded: "erstattet" },
  },
  en: {
    title: "Participant list",
    when: "When",
    where: "Venue",
    capacity: "Places",
    cancelled: "This event is cancelled.",
    no: "No.",
    name: "Name / participants",
    places: "Pl.",
    status: "Status",
    payment: "Payment",
    checkIn: "Check-in",
    answers: "Answers",
    note: "Note",
    none: "No registrations yet.",
    confirmed: "Confirmed",
    waitlisted: "Waiting list",
    checkedIn: "Checked in",
    paid: "Paid",
    open: "Open",
    printed: "As of",
    st: { held: "held", confirmed: "confirmed", waitlisted: "waiting list", offered: "place offered", cancelled: "cancelled", expired: "expired" },
    pay: { not_required: "free", unpaid: "open", paid: "paid", refunded: "refunded" },
  },
  pt: {
    title: "Lista de participantes",
    when: "Quando",
    where: "Local",
    capacity: "Lugares",
    cancelled: "Este evento foi cancelado.",
    no: "N.º",
    name: "Nome / participantes",
    places: "Lug.",
    status: "Estado",
    payment: "Pagamento",
    checkIn: "Entrada",
    answers: "Respostas",
    note: "Nota",
    none: "Ainda não há inscrições.",
    confirmed: "Confirmados",
    waitlisted: "Lista de espera",
    checkedIn: "Entraram",
    paid: "Pago",
    open: "Em aberto",
    printed: "Em",
    st: { held: "reservado", confirmed: "confirmado", waitlisted: "lista de espera", offered: "lugar oferecido", cancelled: "cancelado", expired: "expirado" },
    pay: { not_required: "gratuito", unpaid: "em aberto", paid: "pago", refunded: "reembolsado" },
  },
}

const col = {
  no: { width: 26 },
  name: { flex: 1, paddingRight: 6 },
  places: { width: 26, textAlign: "right" as const, paddingRight: 6 },
  status: { width: 70 },
  payment: { width: 100 },
  box: { width: 40, alignItems: "center" as const },
}

/**
 * The printable participant list of one event: its header, each registration
 * with its participants, status, payment, answers and note, a box to tick at
 * the door, and the totals (default export: loaded by path in the PDF threads).
 */
export default defineDocumentKind({
  kind: "event_participants",
  plugin: "event",
  schema,
  sample: {
    event: {
      title: "Pasta-Kochkurs",
      starts_at: "2027-03-30T16:30:00.000Z",
      ends_at: "2027-03-30T19:30:00.000Z",
      time_zone: "Europe/Berlin",
      venue: "Kochstudio",
      address: "Hauptstraße 1, Berlin",
      capacity: 12,
      status: "scheduled",
    },
    currency_code: "eur",
    totals: { confirmed: 2, waitlisted: 0, checked_in: 0, paid_amount: 9800, open_amount: 0 },
    registrations: [
      {
        seq: 1,
        name: "Anna Beispiel",
        contact: "anna@example.com",
        quantity: 2,
        status: "confirmed",
        payment_status: "paid",
        payment_method: "online",
        paid_at: "2027-03-01T10:00:00.000Z",
        amount: 9800,
        participants: ["Anna Beispiel", "Ben Beispiel"],
        answers: [{ label: "Vegetarisch?", value: "Ja" }],
        note: null,
        checked_in: false,
      },
    ],
  },
  element: (d, c) => {
    const t = L[c.locale]
    const money = (n: number) => formatMoney(n, d.currency_code, c.locale)
    const e = d.event
    return (
      <Document title={`${t.title} – ${e.title}`}>
        <FramePage branding={c.branding}>
          <Text style={[documentStyles.title, { color: c.branding.primary_color }]}>{`${t.title}: ${e.title}`}</Text>
          <Text>{`${t.when}: ${formatDateTime(e.starts_at, e.time_zone, c.locale)} – ${formatDateTime(e.ends_at, e.time_zone, c.locale)}`}</Text>
          <Text>{`${t.where}: ${[e.venue, e.address].filter(Boolean).join(", ")}`}</Text>
          <Text style={{ marginBottom: 8 }}>{`${t.capacity}: ${e.capacity}`}</Text>
          {e.status === "cancelled" ? <Text style={[documentStyles.bold, { marginBottom: 8 }]}>{t.cancelled}</Text> : null}
          <View style={{ flexDirection: "row", flexWrap: "wrap", marginBottom: 12, padding: 6, backgroundColor: "#f3f4f6" }}>
            <Text style={{ marginRight: 16 }}>{`${t.confirmed}: ${d.totals.confirmed}`}</Text>
            <Text style={{ marginRight: 16 }}>{`${t.checkedIn}: ${d.totals.checked_in}`}</Text>
            <Text style={{ marginRight: 16 }}>{`${t.waitlisted}: ${d.totals.waitlisted}`}</Text>
            <Text style={{ marginRight: 16 }}>{`${t.paid}: ${money(d.totals.paid_amount)}`}</Text>
            <Text>{`${t.open}: ${money(d.totals.open_amount)}`}</Text>
          </View>
          <View style={{ flexDirection: "row", borderBottomWidth: 1, paddingBottom: 3, fontFamily: "Helvetica-Bold" }} fixed>
            <Text style={col.no}>{t.no}</Text>
            <Text style={col.name}>{t.name}</Text>
            <Text style={col.places}>{t.places}</Text>
            <Text style={col.status}>{t.status}</Text>
            <Text style={col.payment}>{t.payment}</Text>
            <Text style={[col.box, { textAlign: "center" }]}>{t.checkIn}</Text>
          </View>
          {d.registrations.length === 0 ? <Text style={{ marginTop: 8 }}>{t.none}</Text> : null}
          {d.registrations.map((r) => {
            const others = r.participants.filter((p) => p && p !== r.name)
            const pay = r.payment_status === "paid" && r.payment_method ? `${t.pay.paid} (${r.payment_method})` : t.pay[r.payment_status]
            return (
              <View key={r.seq} style={{ flexDirection: "row", paddingVertical: 4, borderBottomWidth: 0.5, borderBottomColor: "#d1d5db" }} wrap={false}>
                <Text style={col.no}>{String(r.seq)}</Text>
                <View style={col.name}>
                  <Text style={documentStyles.bold}>{r.name}</Text>
                  {r.contact ? <Text style={documentStyles.muted}>{r.contact}</Text> : null}
                  {others.length ? <Text>{others.join(", ")}</Text> : null}
                  {r.answers.map((a, i) => (
                    <Text key={i} style={{ fontSize: 8 }}>{`${a.label}: ${a.value}`}</Text>
                  ))}
                  {r.note ? <Text style={{ fontSize: 8, fontStyle: "italic" }}>{`${t.note}: ${r.note}`}</Text> : null}
                </View>
                <Text style={col.places}>{String(r.quantity)}</Text>
                <Text style={col.status}>{t.st[r.status]}</Text>
                <View style={col.payment}>
                  <Text>{pay}</Text>
                  {r.amount > 0 ? <Text style={documentStyles.muted}>{money(r.amount)}</Text> : null}
                </View>
                <View style={col.box}>
                  <View style={{ width: 14, height: 14, borderWidth: 1, borderColor: "#111827", alignItems: "center", justifyContent: "center" }}>
                    {r.checked_in ? <Text style={{ fontSize: 10, fontFamily: "Helvetica-Bold" }}>X</Text> : null}
                  </View>
                </View>
              </View>
            )
          })}
        </FramePage>
      </Document>
    )
  },
})
