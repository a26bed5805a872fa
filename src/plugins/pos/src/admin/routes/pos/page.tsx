import type { RouteConfig } from "@medusajs/admin"
import { KeySolid } from "@medusajs/icons"
import { Badge, Button, Container, Copy, Heading, Input, Label, Prompt, Table, Text } from "@medusajs/ui"
import { useAdminCustomDelete, useAdminCustomPost, useAdminCustomQuery } from "medusa-react"
import { FormEvent, useState } from "react"

const SCOPES = ["gift_card", "prepaid_charge", "prepaid_topup", "loyalty", "debtor", "feedback"] as const
type Scope = (typeof SCOPES)[number]

type Location = { id: string; name: string; time_zone: string; address: string | null }
type Terminal = {
  id: string
  name: string
  location_id: string
  location?: { id: string; name: string }
  scopes: Scope[]
  key_prefix: string
  status: "active" | "revoked"
  last_seen_at: string | null
  revoked_at: string | null
}
type StaffCard = { id: string; uid: string; status: "active" | "revoked" }
type StaffMember = { id: string; name: string; location_id: string | null; active: boolean; cards: StaffCard[] }

type ApiError = { response?: { data?: { message?: string } }; message?: string }
const errorText = (e: unknown): string => (e as ApiError)?.response?.data?.message ?? (e as ApiError)?.message ?? String(e)
const when = (iso: string | null): string => (iso ? new Date(iso).toLocaleString() : "never")

/** Locations: list and create. */
const Locations = ({ locations }: { locations: Location[] }) => {
  const [name, setName] = useState("")
  const [timeZone, setTimeZone] = useState("Europe/Berlin")
  const [address, setAddress] = useState("")
  const create = useAdminCustomPost<{ name: string; time_zone: string; address?: string }, { location: Location }>(
    "/pos/locations",
    ["pos-locations"]
  )
  const submit = (e: FormEvent) => {
    e.preventDefault()
    create.mutate(
      { name, time_zone: timeZone, ...(address ? { address } : {}) },
      { onSuccess: () => { setName(""); setAddress("") } }
    )
  }
  return (
    <Container className="mb-4" data-testid="pos-locations">
      <Heading level="h2">Locations</Heading>
      <Table className="my-2">
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell>Name</Table.HeaderCell>
            <Table.HeaderCell>Time zone</Table.HeaderCell>
            <Table.HeaderCell>Address</Table.HeaderCell>
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {locations.map((l) => (
            <Table.Row key={l.id} data-location={l.id}>
              <Table.Cell>{l.name}</Table.Cell>
              <Table.Cell>{l.time_zone}</Table.Cell>
              <Table.Cell>{l.address ?? ""}</Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
      <form onSubmit={submit} className="flex items-end gap-2">
        <div><Label htmlFor="loc-name">Name</Label><Input id="loc-name" value={name} onChange={(e) => setName(e.target.value)} required /></div>
        <div><Label htmlFor="loc-tz">Time zone</Label><Input id="loc-tz" value={timeZone} onChange={(e) => setTimeZone(e.target.value)} required /></div>
        <div><Label htmlFor="loc-address">Address</Label><Input id="loc-address" value={address} onChange={(e) => setAddress(e.target.value)} /></div>
        <Button type="submit" variant="secondary" isLoading={create.isLoading}>Create location</Button>
      </form>
      {create.isError && <Text className="text-ui-fg-error">{errorText(create.error)}</Text>}
    </Container>
  )
}

/** One terminal row with its revoke button (asks for confirmation). */
const TerminalRow = ({ terminal }: { terminal: Terminal }) => {
  const revoke = useAdminCustomDelete<{ terminal: Terminal }>(`/pos/terminals/${terminal.id}`, ["pos-terminals"])
  return (
    <Table.Row data-terminal={terminal.id} data-terminal-name={terminal.name}>
      <Table.Cell>{terminal.name}<div className="text-ui-fg-subtle">{terminal.key_prefix}…</div></Table.Cell>
      <Table.Cell>{terminal.location?.name ?? terminal.location_id}</Table.Cell>
      <Table.Cell>{terminal.scopes.join(", ")}</Table.Cell>
      <Table.Cell>{when(terminal.last_seen_at)}</Table.Cell>
      <Table.Cell>
        <Badge color={terminal.status === "active" ? "green" : "red"}>{terminal.status}</Badge>
      </Table.Cell>
      <Table.Cell>
        {terminal.status === "active" && (
          <Prompt>
            <Prompt.Trigger asChild>
              <Button variant="danger" size="small">Revoke</Button>
            </Prompt.Trigger>
            <Prompt.Content>
              <Prompt.Header>
                <Prompt.Title>Revoke {terminal.name}?</Prompt.Title>
                <Prompt.Description>
                  The terminal's key stops working at once. This cannot be undone; the terminal needs a new key.
                </Prompt.Description>
              </Prompt.Header>
              <Prompt.Footer>
                <Prompt.Cancel>Cancel</Prompt.Cancel>
                <Prompt.Action onClick={() => revoke.mutate()}>Revoke key</Prompt.Action>
              </Prompt.Footer>
            </Prompt.Content>
          </Prompt>
        )}
        {revoke.isError && <Text className="text-ui-fg-error">{errorText(revoke.error)}</Text>}
      </Table.Cell>
    </Table.Row>
  )
}

/** Terminals: list, create (the key is shown once), revoke. */
const Terminals = ({ terminals, locations }: { terminals: Terminal[]; locations: Location[] }) => {
  const [name, setName] = useState("")
  const [locationId, setLocationId] = useState("")
  const [scopes, setScopes] = useState<Scope[]>(["gift_card"])
  const [created, setCreated] = useState<{ terminal: Terminal; key: string } | null>(null)
  const create = useAdminCustomPost<{ name: string; location_id: string; scopes: Scope[] }, { terminal: Terminal; key: string }>(
    "/pos/terminals",
    ["pos-terminals"]
  )
  const toggle = (s: Scope) => setScopes((cur) => (cur.includes(s) ? cur.filter((x) => x !== s) : [...cur, s]))
  const submit = (e: FormEvent) => {
    e.preventDefault()
    create.mutate(
      { name, location_id: locationId || locations[0]?.id || "", scopes },
      { onSuccess: (data) => { setCreated(data); setName("") } }
    )
  }
  return (
    <Container className="mb-4" data-testid="pos-terminals">
      <Heading level="h2">Terminals</Heading>
      {created && (
        <div className="border-ui-border-base bg-ui-bg-subtle my-2 rounded-md border p-4" data-testid="pos-new-key">
          <Text weight="plus">Key for {created.terminal.name}</Text>
          <Text className="text-ui-fg-error">
            Copy this key now and enter it in the terminal. It is shown only this once and cannot be retrieved later.
          </Text>
          <div className="mt-2 flex items-center gap-2">
            <code className="bg-ui-bg-base rounded px-2 py-1 font-mono" data-testid="pos-key">{created.key}</code>
            <Copy content={created.key} />
          </div>
          <Button variant="secondary" size="small" className="mt-2" onClick={() => setCreated(null)}>
            I have copied the key
          </Button>
        </div>
      )}
      <Table className="my-2">
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell>Terminal</Table.HeaderCell>
            <Table.HeaderCell>Location</Table.HeaderCell>
            <Table.HeaderCell>Scopes</Table.HeaderCell>
            <Table.HeaderCell>Last seen</Table.HeaderCell>
            <Table.HeaderCell>Status</Table.HeaderCell>
            <Table.HeaderCell></Table.HeaderCell>
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {terminals.map((t) => <TerminalRow key={t.id} terminal={t} />)}
        </Table.Body>
      </Table>
      <form onSubmit={submit} className="flex flex-wrap items-end gap-2">
        <div><Label htmlFor="term-name">Name</Label><Input id="term-name" value={name} onChange={(e) => setName(e.target.value)} required /></div>
        <div>
          <Label htmlFor="term-location">Location</Label>
          <select
            id="term-location"
            className="bg-ui-bg-field border-ui-border-base block h-8 rounded-md border px-2"
            value={locationId || locations[0]?.id || ""}
            onChange={(e) => setLocationId(e.target.value)}
          >
            {locations.map((l) => <option key={l.id} value={l.id}>{l.name}</option>)}
          </select>
        </div>
        <fieldset className="flex gap-2">
          {SCOPES.map((s) => (
            <label key={s} className="flex items-center gap-1">
              <input type="checkbox" checked={scopes.includes(s)} onChange={() => toggle(s)} />
              <span>{s}</span>
            </label>
          ))}
        </fieldset>
        <Button type="submit" isLoading={create.isLoading} disabled={!locations.length || !scopes.length}>
          Create terminal
        </Button>
      </form>
      {create.isError && <Text className="text-ui-fg-error">{errorText(create.error)}</Text>}
    </Container>
  )
}

/** One staff member with their cards and a field to add a card. */
const StaffRow = ({ member, locations }: { member: StaffMember; locations: Location[] }) => {
  const [uid, setUid] = useState("")
  const addCard = useAdminCustomPost<{ uid: string }, { card: StaffCard }>(`/pos/staff/${member.id}/cards`, ["pos-staff"])
  const location = locations.find((l) => l.id === member.location_id)
  return (
    <Table.Row data-staff={member.id}>
      <Table.Cell>{member.name}</Table.Cell>
      <Table.Cell>{location?.name ?? "all locations"}</Table.Cell>
      <Table.Cell>
        {member.cards.map((c) => (
          <Badge key={c.id} color={c.status === "active" ? "green" : "grey"} className="mr-1">{c.uid}</Badge>
        ))}
      </Table.Cell>
      <Table.Cell>
        <form
          className="flex gap-1"
          onSubmit={(e) => { e.preventDefault(); addCard.mutate({ uid }, { onSuccess: () => setUid("") }) }}
        >
          <Input size="small" placeholder="Card UID" value={uid} onChange={(e) => setUid(e.target.value)} required />
          <Button size="small" variant="secondary" type="submit" isLoading={addCard.isLoading}>Add card</Button>
        </form>
        {addCard.isError && <Text className="text-ui-fg-error">{errorText(addCard.error)}</Text>}
      </Table.Cell>
    </Table.Row>
  )
}

/** Staff: list, create, add card. */
const Staff = ({ staff, locations }: { staff: StaffMember[]; locations: Location[] }) => {
  const [name, setName] = useState("")
  const create = useAdminCustomPost<{ name: string }, { staff_member: StaffMember }>("/pos/staff", ["pos-staff"])
  return (
    <Container data-testid="pos-staff">
      <Heading level="h2">Staff</Heading>
      <Table className="my-2">
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell>Name</Table.HeaderCell>
            <Table.HeaderCell>Location</Table.HeaderCell>
            <Table.HeaderCell>Cards</Table.HeaderCell>
            <Table.HeaderCell></Table.HeaderCell>
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {staff.map((m) => <StaffRow key={m.id} member={m} locations={locations} />)}
        </Table.Body>
      </Table>
      <form
        className="flex items-end gap-2"
        onSubmit={(e) => { e.preventDefault(); create.mutate({ name }, { onSuccess: () => setName("") }) }}
      >
        <div><Label htmlFor="staff-name">Name</Label><Input id="staff-name" value={name} onChange={(e) => setName(e.target.value)} required /></div>
        <Button type="submit" variant="secondary" isLoading={create.isLoading}>Add staff member</Button>
      </form>
      {create.isError && <Text className="text-ui-fg-error">{errorText(create.error)}</Text>}
    </Container>
  )
}

/** The "POS access" page: locations, terminal keys and staff cards. */
const PosAccessPage = () => {
  const locations = useAdminCustomQuery<Record<string, never>, { locations: Location[] }>("/pos/locations", ["pos-locations"])
  const terminals = useAdminCustomQuery<Record<string, never>, { terminals: Terminal[] }>("/pos/terminals", ["pos-terminals"])
  const staff = useAdminCustomQuery<Record<string, never>, { staff: StaffMember[] }>("/pos/staff", ["pos-staff"])
  const failed = [locations, terminals, staff].find((q) => q.isError)
  return (
    <div>
      <Container className="mb-4">
        <Heading level="h1">POS access</Heading>
        <Text className="text-ui-fg-subtle">
          Locations, the keys of tills and terminals with what they may do, and the RFID cards of your staff.
        </Text>
        {failed && <Text className="text-ui-fg-error">Could not load: {errorText(failed.error)}</Text>}
      </Container>
      <Locations locations={locations.data?.locations ?? []} />
      <Terminals terminals={terminals.data?.terminals ?? []} locations={locations.data?.locations ?? []} />
      <Staff staff={staff.data?.staff ?? []} locations={locations.data?.locations ?? []} />
    </div>
  )
}

export const config: RouteConfig = {
  link: {
    label: "POS access",
    icon: KeySolid,
  },
}

export default PosAccessPage
