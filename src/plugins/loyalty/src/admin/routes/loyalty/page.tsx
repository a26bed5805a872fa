import type { RouteConfig } from "@medusajs/admin"
import { Heart } from "@medusajs/icons"
import { Badge, Button, Container, Heading, Input, Label, Table, Text } from "@medusajs/ui"
import { useAdminCustomPost, useAdminCustomQuery } from "medusa-react"
import { FormEvent, useState } from "react"

import { EmptyState, errorText, localizeLink, PageHeader, useT } from "@customer-modules/admin-kit"

import { AnalysisSection } from "./analysis-section"
import { CampaignsSection } from "./campaigns-section"
import { GroupGrantSection } from "./group-grant-section"
import { RewardsSection } from "./rewards-section"
import { SettingsSection } from "./settings-section"
import { fullName } from "../../components/shared"
import { messages } from "../../messages"

type Customer = { id: string; first_name: string | null; last_name: string | null; email: string | null; phone: string | null; points: number; cards: { code: string }[] }
type Birthday = {
  customer: { id: string; first_name: string | null; last_name: string | null; email: string | null; marketing_consent: boolean }
  date: string
  age: number
}

/** Customer search with points; extra points granted or deducted with a reason. */
const Customers = () => {
  const t = useT(messages)
  const [q, setQ] = useState("")
  const [search, setSearch] = useState("")
  const list = useAdminCustomQuery<{ q?: string; limit: number }, { customers: Customer[]; count: number }>(
    "/loyalty/customers",
    ["loyalty-customers", search],
    { ...(search ? { q: search } : {}), limit: 20 }
  )
  return (
    <Container className="mb-4">
      <Heading level="h2">{t("customers")}</Heading>
      <form className="flex items-end gap-2" onSubmit={(e) => { e.preventDefault(); setSearch(q.trim()) }}>
        <div><Label htmlFor="ly-search">{t("searchLabel")}</Label><Input id="ly-search" value={q} onChange={(e) => setQ(e.target.value)} /></div>
        <Button type="submit" variant="secondary">{t("search")}</Button>
      </form>
      {list.isError && <Text className="text-ui-fg-error">{errorText(list.error)}</Text>}
      <Table className="my-2" data-testid="loyalty-customers">
        <Table.Header><Table.Row><Table.HeaderCell>{t("colCustomer")}</Table.HeaderCell><Table.HeaderCell>{t("colCards")}</Table.HeaderCell><Table.HeaderCell>{t("colPoints")}</Table.HeaderCell><Table.HeaderCell>{t("colExtra")}</Table.HeaderCell></Table.Row></Table.Header>
        <Table.Body>
          {(list.data?.customers ?? []).map((c) => <CustomerRow key={c.id} customer={c} onDone={() => list.refetch()} />)}
        </Table.Body>
      </Table>
      {list.data && list.data.customers.length === 0 &&
        (search ? <EmptyState title={t("noMatch", { q: search })} hint={t("noMatchHint")} /> : <EmptyState title={t("noCustomers")} hint={t("noCustomersHint")} />)}
    </Container>
  )
}

const CustomerRow = ({ customer, onDone }: { customer: Customer; onDone: () => void }) => {
  const t = useT(messages)
  const adjust = useAdminCustomPost<{ points: number; reason: string }, { points: number }>(`/loyalty/customers/${customer.id}/adjust`, ["loyalty-customers"])
  const [points, setPoints] = useState("")
  const [reason, setReason] = useState("")
  const submit = (e: FormEvent) => {
    e.preventDefault()
    adjust.mutate({ points: Number(points), reason }, { onSuccess: () => { setPoints(""); setReason(""); onDone() } })
  }
  return (
    <Table.Row data-loyalty-customer={customer.id}>
      <Table.Cell>{fullName(customer)}<br /><span className="text-ui-fg-subtle">{customer.email ?? customer.phone ?? ""}</span></Table.Cell>
      <Table.Cell>{customer.cards.map((c) => c.code).join(", ")}</Table.Cell>
      <Table.Cell data-testid="loyalty-points">{customer.points}</Table.Cell>
      <Table.Cell>
        <form onSubmit={submit} className="flex items-center gap-1">
          <Input aria-label={t("pointsNeg")} type="number" value={points} onChange={(e) => setPoints(e.target.value)} required />
          <Input aria-label={t("reason")} value={reason} onChange={(e) => setReason(e.target.value)} required />
          <Button size="small" type="submit" variant="secondary" isLoading={adjust.isLoading}>{t("book")}</Button>
        </form>
        {adjust.isError && <Text className="text-ui-fg-error">{errorText(adjust.error)}</Text>}
      </Table.Cell>
    </Table.Row>
  )
}

/** Birthdays of the next two weeks. */
const Birthdays = () => {
  const t = useT(messages)
  const list = useAdminCustomQuery<{ days: number }, { birthdays: Birthday[]; time_zone: string }>("/loyalty/birthdays", ["loyalty-birthdays"], { days: 14 })
  return (
    <Container className="mb-4">
      <Heading level="h2">{t("birthdays")}</Heading>
      <Table className="my-2" data-testid="loyalty-birthdays">
        <Table.Body>
          {(list.data?.birthdays ?? []).map((b) => (
            <Table.Row key={b.customer.id}>
              <Table.Cell>{b.date}</Table.Cell>
              <Table.Cell>{fullName(b.customer)}</Table.Cell>
              <Table.Cell>{b.age}</Table.Cell>
              <Table.Cell>{b.customer.email ?? ""}</Table.Cell>
              <Table.Cell>
                <Badge color={b.customer.email && b.customer.marketing_consent ? "green" : "grey"}>
                  {!b.customer.email ? t("noEmail") : b.customer.marketing_consent ? t("birthdayMail") : t("noConsent")}
                </Badge>
              </Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
      {list.data && list.data.birthdays.length === 0 && <EmptyState title={t("noBirthdays")} />}
      <div className="my-2 flex gap-4">
        <a className="text-ui-fg-interactive" href="/admin/loyalty/birthdays/letters?days=14" data-testid="loyalty-birthday-letters">
          {t("lettersMissing")}
        </a>
        <a className="text-ui-fg-interactive" href="/admin/loyalty/birthdays/letters?days=14&recipients=all">{t("lettersAll")}</a>
      </div>
      <Text className="text-ui-fg-subtle">
        {t("birthdayNote", { tz: list.data?.time_zone ?? "" })}
      </Text>
    </Container>
  )
}

/** Customers not seen for a while: the list as CSV for the merchant's own campaigns. */
const Reactivation = () => {
  const t = useT(messages)
  const [days, setDays] = useState("90")
  return (
    <Container className="mb-4">
      <Heading level="h2">{t("reactivation")}</Heading>
      <div className="flex items-end gap-2">
        <div><Label htmlFor="ly-inactive">{t("notSeen")}</Label><Input id="ly-inactive" type="number" min={1} value={days} onChange={(e) => setDays(e.target.value)} /></div>
        <a className="text-ui-fg-interactive" href={`/admin/loyalty/reactivation?format=csv&inactive_days=${encodeURIComponent(days)}`}>{t("downloadList")}</a>
      </div>
      <Text className="text-ui-fg-subtle">{t("reactivationNote")}</Text>
    </Container>
  )
}

/** The "Loyalty" page: settings, rewards, customers with extra points, group grants, analysis charts, birthdays, reactivation. */
const LoyaltyPage = () => {
  const t = useT(messages)
  return (
  <div>
    <PageHeader title={t("title")} intro={t("intro")} />
    <SettingsSection />
    <CampaignsSection />
    <RewardsSection />
    <Customers />
    <GroupGrantSection />
    <AnalysisSection />
    <Birthdays />
    <Reactivation />
  </div>
  )
}

export const config: RouteConfig = {
  link: {
    label: "Loyalty",
    icon: Heart,
  },
}

// The sidebar link in the admin's language (the literal above is what the admin build checks).
localizeLink(config, { de: "Kundenbindung", en: "Loyalty", pt: "Fidelização" })

export default LoyaltyPage
