import type { RouteConfig } from "@medusajs/admin"
import { Heart } from "@medusajs/icons"
import { Badge, Button, Container, Heading, Input, Label, Table, Text } from "@medusajs/ui"
import { useAdminCustomPost, useAdminCustomQuery } from "medusa-react"
import { FormEvent, useState } from "react"

import { AnalysisSection } from "./analysis-section"
import { CampaignsSection } from "./campaigns-section"
import { GroupGrantSection } from "./group-grant-section"
import { RewardsSection } from "./rewards-section"
import { SettingsSection } from "./settings-section"
import { errorText, fullName } from "../../components/shared"

type Customer = { id: string; first_name: string | null; last_name: string | null; email: string | null; phone: string | null; points: number; cards: { code: string }[] }
type Birthday = {
  customer: { id: string; first_name: string | null; last_name: string | null; email: string | null; marketing_consent: boolean }
  date: string
  age: number
}

/** Customer search with points; extra points granted or deducted with a reason. */
const Customers = () => {
  const [q, setQ] = useState("")
  const [search, setSearch] = useState("")
  const list = useAdminCustomQuery<{ q?: string; limit: number }, { customers: Customer[]; count: number }>(
    "/loyalty/customers",
    ["loyalty-customers", search],
    { ...(search ? { q: search } : {}), limit: 20 }
  )
  return (
    <Container className="mb-4">
      <Heading level="h2">Customers</Heading>
      <form className="flex items-end gap-2" onSubmit={(e) => { e.preventDefault(); setSearch(q.trim()) }}>
        <div><Label htmlFor="ly-search">Name, e-mail or phone</Label><Input id="ly-search" value={q} onChange={(e) => setQ(e.target.value)} /></div>
        <Button type="submit" variant="secondary">Search</Button>
      </form>
      {list.isError && <Text className="text-ui-fg-error">{errorText(list.error)}</Text>}
      <Table className="my-2" data-testid="loyalty-customers">
        <Table.Header><Table.Row><Table.HeaderCell>Customer</Table.HeaderCell><Table.HeaderCell>Cards</Table.HeaderCell><Table.HeaderCell>Points</Table.HeaderCell><Table.HeaderCell>Extra points</Table.HeaderCell></Table.Row></Table.Header>
        <Table.Body>
          {(list.data?.customers ?? []).map((c) => <CustomerRow key={c.id} customer={c} onDone={() => list.refetch()} />)}
        </Table.Body>
      </Table>
    </Container>
  )
}

const CustomerRow = ({ customer, onDone }: { customer: Customer; onDone: () => void }) => {
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
          <Input aria-label="Points (negative deducts)" type="number" value={points} onChange={(e) => setPoints(e.target.value)} required />
          <Input aria-label="Reason" value={reason} onChange={(e) => setReason(e.target.value)} required />
          <Button size="small" type="submit" variant="secondary" isLoading={adjust.isLoading}>Book</Button>
        </form>
        {adjust.isError && <Text className="text-ui-fg-error">{errorText(adjust.error)}</Text>}
      </Table.Cell>
    </Table.Row>
  )
}

/** Birthdays of the next two weeks. */
const Birthdays = () => {
  const list = useAdminCustomQuery<{ days: number }, { birthdays: Birthday[]; time_zone: string }>("/loyalty/birthdays", ["loyalty-birthdays"], { days: 14 })
  return (
    <Container className="mb-4">
      <Heading level="h2">Birthdays (next 14 days)</Heading>
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
                  {!b.customer.email ? "no e-mail" : b.customer.marketing_consent ? "birthday mail" : "no marketing consent"}
                </Badge>
              </Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
      <div className="my-2 flex gap-4">
        <a className="text-ui-fg-interactive" href="/admin/loyalty/birthdays/letters?days=14" data-testid="loyalty-birthday-letters">
          Print letters for customers without a birthday mail (PDF)
        </a>
        <a className="text-ui-fg-interactive" href="/admin/loyalty/birthdays/letters?days=14&recipients=all">All letters (PDF)</a>
      </div>
      <Text className="text-ui-fg-subtle">
        Time zone: {list.data?.time_zone ?? ""}. Birthday mails (with the letter and an unsubscribe link) go only to customers who agreed to marketing mails; the others get their letter as a document to print or hand over (print them here ahead of time to post them). Birthday points go to everyone.
      </Text>
    </Container>
  )
}

/** Customers not seen for a while: the list as CSV for the merchant's own campaigns. */
const Reactivation = () => {
  const [days, setDays] = useState("90")
  return (
    <Container className="mb-4">
      <Heading level="h2">Reactivation</Heading>
      <div className="flex items-end gap-2">
        <div><Label htmlFor="ly-inactive">Not seen for (days)</Label><Input id="ly-inactive" type="number" min={1} value={days} onChange={(e) => setDays(e.target.value)} /></div>
        <a className="text-ui-fg-interactive" href={`/admin/loyalty/reactivation?format=csv&inactive_days=${encodeURIComponent(days)}`}>Download list (CSV)</a>
      </div>
      <Text className="text-ui-fg-subtle">Reactivation mails go only to customers who agreed to marketing, each with an unsubscribe link.</Text>
    </Container>
  )
}

/** The "Loyalty" page: settings, rewards, customers with extra points, group grants, analysis charts, birthdays, reactivation. */
const LoyaltyPage = () => {
  return (
  <div>
    <Container className="mb-4">
      <Heading level="h1">Loyalty</Heading>
      <Text className="text-ui-fg-subtle">Customer cards and bonus points: earned at the till and online, redeemed for rewards.</Text>
    </Container>
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

export default LoyaltyPage
