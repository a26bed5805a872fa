import type { RouteConfig } from "@medusajs/admin"
import { Heart } from "@medusajs/icons"
import { Badge, Button, Container, Heading, Input, Label, Table, Text } from "@medusajs/ui"
import { useAdminCustomPost, useAdminCustomQuery } from "medusa-react"
import { FormEvent, useEffect, useState } from "react"

type Settings = {
  points_per_unit: number
  unit_minor: number
  rounding: "floor" | "round"
  min_spend_minor: number
  redemption_cap_points: number | null
  birthday_points: number
  time_zone: string
  expiry_months: number | null
  expiry_notice_days: number
}
type Reward = { id: string; title: string; points: number; kind: string; active: boolean }
type Customer = { id: string; first_name: string | null; last_name: string | null; email: string | null; phone: string | null; points: number; cards: { code: string }[] }
type Birthday = { customer: { id: string; first_name: string | null; last_name: string | null; email: string | null }; date: string; age: number }

type ApiError = { response?: { data?: { message?: string } }; message?: string }
const errorText = (e: unknown): string => (e as ApiError)?.response?.data?.message ?? (e as ApiError)?.message ?? String(e)
const fullName = (c: { first_name: string | null; last_name: string | null }) => [c.first_name, c.last_name].filter(Boolean).join(" ")

/** Earning rate, rounding, minimum spend, redemption cap, birthday points. */
const SettingsForm = () => {
  const query = useAdminCustomQuery<Record<string, never>, { settings: Settings }>("/loyalty/settings", ["loyalty-settings"])
  const save = useAdminCustomPost<Partial<Settings>, { settings: Settings }>("/loyalty/settings", ["loyalty-settings"])
  const [form, setForm] = useState<Settings | null>(null)
  useEffect(() => {
    if (query.data && !form) setForm(query.data.settings)
  }, [query.data, form])
  if (!form) return <Container className="mb-4">{query.isError ? errorText(query.error) : "Loading…"}</Container>
  const num = (key: keyof Settings) => (e: React.ChangeEvent<HTMLInputElement>) => setForm({ ...form, [key]: Number(e.target.value) })
  const submit = (e: FormEvent) => {
    e.preventDefault()
    save.mutate(form)
  }
  return (
    <Container className="mb-4">
      <Heading level="h2">Earning</Heading>
      <Text className="text-ui-fg-subtle" data-testid="loyalty-earning-rule">
        Points are earned on the paid amount after discounts, vouchers and rewards; shipping and excluded products earn nothing.
      </Text>
      <form onSubmit={submit} className="mt-2 flex flex-wrap items-end gap-2">
        <div><Label htmlFor="ly-ppu">Points</Label><Input id="ly-ppu" type="number" min={0} value={form.points_per_unit} onChange={num("points_per_unit")} /></div>
        <div><Label htmlFor="ly-unit">per (minor units)</Label><Input id="ly-unit" type="number" min={1} value={form.unit_minor} onChange={num("unit_minor")} /></div>
        <div>
          <Label htmlFor="ly-rounding">Rounding</Label>
          <select id="ly-rounding" className="bg-ui-bg-field border-ui-border-base block rounded-md border p-2" value={form.rounding} onChange={(e) => setForm({ ...form, rounding: e.target.value as Settings["rounding"] })}>
            <option value="floor">down</option>
            <option value="round">to nearest</option>
          </select>
        </div>
        <div><Label htmlFor="ly-min">Minimum spend (minor units)</Label><Input id="ly-min" type="number" min={0} value={form.min_spend_minor} onChange={num("min_spend_minor")} /></div>
        <div><Label htmlFor="ly-birthday">Birthday points</Label><Input id="ly-birthday" type="number" min={0} value={form.birthday_points} onChange={num("birthday_points")} /></div>
        <div>
          <Label htmlFor="ly-expiry">Points expire after (months, empty: never)</Label>
          <Input id="ly-expiry" type="number" min={1} value={form.expiry_months ?? ""} onChange={(e) => setForm({ ...form, expiry_months: e.target.value ? Number(e.target.value) : null })} />
        </div>
        <Button type="submit" variant="secondary" isLoading={save.isLoading}>Save settings</Button>
      </form>
      {save.isSuccess && <Text>Saved.</Text>}
      {save.isError && <Text className="text-ui-fg-error">{errorText(save.error)}</Text>}
    </Container>
  )
}

/** The reward catalogue: create, withdraw. */
const Rewards = () => {
  const list = useAdminCustomQuery<Record<string, never>, { rewards: Reward[] }>("/loyalty/rewards", ["loyalty-rewards"])
  const create = useAdminCustomPost<{ title: string; points: number; kind: "discount"; discount_amount: number; currency_code: string }, unknown>("/loyalty/rewards", ["loyalty-rewards"])
  const [title, setTitle] = useState("")
  const [points, setPoints] = useState("")
  const [amount, setAmount] = useState("")
  const submit = (e: FormEvent) => {
    e.preventDefault()
    create.mutate({ title, points: Number(points), kind: "discount", discount_amount: Number(amount), currency_code: "eur" }, { onSuccess: () => setTitle("") })
  }
  return (
    <Container className="mb-4">
      <Heading level="h2">Rewards</Heading>
      <Table className="my-2" data-testid="loyalty-rewards">
        <Table.Header><Table.Row><Table.HeaderCell>Reward</Table.HeaderCell><Table.HeaderCell>Points</Table.HeaderCell><Table.HeaderCell>Kind</Table.HeaderCell><Table.HeaderCell>Status</Table.HeaderCell></Table.Row></Table.Header>
        <Table.Body>
          {(list.data?.rewards ?? []).map((r) => (
            <Table.Row key={r.id}><Table.Cell>{r.title}</Table.Cell><Table.Cell>{r.points}</Table.Cell><Table.Cell>{r.kind}</Table.Cell><Table.Cell><Badge color={r.active ? "green" : "grey"}>{r.active ? "offered" : "withdrawn"}</Badge></Table.Cell></Table.Row>
          ))}
        </Table.Body>
      </Table>
      <form onSubmit={submit} className="flex items-end gap-2">
        <div><Label htmlFor="ly-rw-title">Title</Label><Input id="ly-rw-title" value={title} onChange={(e) => setTitle(e.target.value)} required /></div>
        <div><Label htmlFor="ly-rw-points">Points</Label><Input id="ly-rw-points" type="number" min={1} value={points} onChange={(e) => setPoints(e.target.value)} required /></div>
        <div><Label htmlFor="ly-rw-amount">Discount (cents, EUR)</Label><Input id="ly-rw-amount" type="number" min={1} value={amount} onChange={(e) => setAmount(e.target.value)} required /></div>
        <Button type="submit" variant="secondary" isLoading={create.isLoading}>Add reward</Button>
      </form>
      {create.isError && <Text className="text-ui-fg-error">{errorText(create.error)}</Text>}
    </Container>
  )
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
            <Table.Row key={b.customer.id}><Table.Cell>{b.date}</Table.Cell><Table.Cell>{fullName(b.customer)}</Table.Cell><Table.Cell>{b.age}</Table.Cell><Table.Cell>{b.customer.email ?? ""}</Table.Cell></Table.Row>
          ))}
        </Table.Body>
      </Table>
      <Text className="text-ui-fg-subtle">Time zone: {list.data?.time_zone ?? ""}</Text>
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

/** The "Loyalty" page: earning settings, rewards, customers with extra points, birthdays. */
const LoyaltyPage = () => {
  return (
  <div>
    <Container className="mb-4">
      <Heading level="h1">Loyalty</Heading>
      <Text className="text-ui-fg-subtle">Customer cards and bonus points: earned at the till and online, redeemed for rewards.</Text>
    </Container>
    <SettingsForm />
    <Rewards />
    <Customers />
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
