import type { RouteConfig } from "@medusajs/admin"
import { KeySolid } from "@medusajs/icons"
import { Badge, Button, Container, Copy, Heading, Input, Label, Text } from "@medusajs/ui"
import { useAdminCustomDelete, useAdminCustomQuery } from "medusa-react"
import { FormEvent, useState } from "react"

import { ConfirmButton, EmptyState, errorText, localizeLink, PagedTable, PageHeader, useAdminLocale, useAdminPost, useT } from "@customer-modules/admin-kit"

import { messages } from "./messages"

/** A scope as `GET /admin/pos/scopes` lists it: the plugins register their own. */
type ScopeDefinition = { scope: string; plugin: string; label: { de: string; en: string; pt: string } }
type Location = { id: string; name: string; time_zone: string; address: string | null }
type Terminal = {
  id: string
  name: string
  location_id: string
  location?: { id: string; name: string }
  scopes: string[]
  key_prefix: string
  status: "active" | "revoked"
  last_seen_at: string | null
  revoked_at: string | null
}
type StaffCard = { id: string; uid: string; status: "active" | "revoked" }
type StaffMember = { id: string; name: string; location_id: string | null; active: boolean; cards: StaffCard[] }

const SELECT_CLASS = "bg-ui-bg-field border-ui-border-base block h-8 rounded-md border px-2"

/** Locations: list and create. */
const Locations = ({ locations, onChanged }: { locations: Location[]; onChanged: () => void }) => {
  const t = useT(messages)
  const [name, setName] = useState("")
  const [timeZone, setTimeZone] = useState("Europe/Berlin")
  const [address, setAddress] = useState("")
  const create = useAdminPost<{ name: string; time_zone: string; address?: string }, { location: Location }>("/pos/locations")
  const submit = (e: FormEvent) => {
    e.preventDefault()
    void create.mutate(
      { name, time_zone: timeZone, ...(address ? { address } : {}) },
      { onSuccess: () => { setName(""); setAddress(""); onChanged() } }
    )
  }
  return (
    <Container className="mb-4" data-testid="pos-locations">
      <Heading level="h2">{t("locations")}</Heading>
      <PagedTable
        rows={locations}
        rowKey={(l) => l.id}
        rowProps={(l) => ({ "data-location": l.id })}
        empty={<EmptyState title={t("noLocations")} hint={t("noLocationsHint")} />}
        columns={[
          { key: "name", header: t("name"), cell: (l) => l.name },
          { key: "tz", header: t("timeZone"), cell: (l) => l.time_zone },
          { key: "address", header: t("address"), cell: (l) => l.address ?? "" },
        ]}
      />
      <form onSubmit={submit} className="flex items-end gap-2">
        <div><Label htmlFor="loc-name">{t("name")}</Label><Input id="loc-name" value={name} onChange={(e) => setName(e.target.value)} required /></div>
        <div><Label htmlFor="loc-tz">{t("timeZone")}</Label><Input id="loc-tz" value={timeZone} onChange={(e) => setTimeZone(e.target.value)} required /></div>
        <div><Label htmlFor="loc-address">{t("address")}</Label><Input id="loc-address" value={address} onChange={(e) => setAddress(e.target.value)} /></div>
        <Button type="submit" variant="secondary" isLoading={create.isLoading}>{t("createLocation")}</Button>
      </form>
      {create.isError && <Text className="text-ui-fg-error">{errorText(create.error)}</Text>}
    </Container>
  )
}

/** The revoke button of one terminal (asks for confirmation). */
const RevokeButton = ({ terminal }: { terminal: Terminal }) => {
  const t = useT(messages)
  const revoke = useAdminCustomDelete<{ terminal: Terminal }>(`/pos/terminals/${terminal.id}`, ["pos-terminals"])
  return (
    <>
      <ConfirmButton
        size="small"
        title={t("revokeTitle", { name: terminal.name })}
        description={t("revokeText")}
        confirmLabel={t("revokeConfirm")}
        isLoading={revoke.isLoading}
        onConfirm={() => revoke.mutate()}
      >
        {t("revoke")}
      </ConfirmButton>
      {revoke.isError && <Text className="text-ui-fg-error">{errorText(revoke.error)}</Text>}
    </>
  )
}

/** Terminals: list, create (the key is shown once), revoke. */
const Terminals = ({ terminals, locations, onChanged }: { terminals: Terminal[]; locations: Location[]; onChanged: () => void }) => {
  const t = useT(messages)
  const locale = useAdminLocale()
  const scopeList = useAdminCustomQuery<Record<string, never>, { scopes: ScopeDefinition[] }>("/pos/scopes", ["pos-scopes"])
  const available = scopeList.data?.scopes ?? []
  const [name, setName] = useState("")
  const [locationId, setLocationId] = useState("")
  const [scopes, setScopes] = useState<string[]>(["gift_card"])
  const [created, setCreated] = useState<{ terminal: Terminal; key: string } | null>(null)
  const create = useAdminPost<{ name: string; location_id: string; scopes: string[] }, { terminal: Terminal; key: string }>("/pos/terminals")
  const toggle = (s: string) => setScopes((cur) => (cur.includes(s) ? cur.filter((x) => x !== s) : [...cur, s]))
  const label = (scope: string) => available.find((s) => s.scope === scope)?.label[locale] ?? scope
  const when = (iso: string | null): string => (iso ? new Date(iso).toLocaleString(locale) : t("never"))
  const submit = (e: FormEvent) => {
    e.preventDefault()
    void create.mutate(
      { name, location_id: locationId || locations[0]?.id || "", scopes: scopes.filter((s) => available.some((a) => a.scope === s)) },
      { onSuccess: (data) => { setCreated(data); setName(""); onChanged() } }
    )
  }
  return (
    <Container className="mb-4" data-testid="pos-terminals">
      <Heading level="h2">{t("terminals")}</Heading>
      {created && (
        <div className="border-ui-border-base bg-ui-bg-subtle my-2 rounded-md border p-4" data-testid="pos-new-key">
          <Text weight="plus">{t("keyFor", { name: created.terminal.name })}</Text>
          <Text className="text-ui-fg-error">{t("keyWarning")}</Text>
          <div className="mt-2 flex items-center gap-2">
            <code className="bg-ui-bg-base rounded px-2 py-1 font-mono" data-testid="pos-key">{created.key}</code>
            <Copy content={created.key} />
          </div>
          <Button variant="secondary" size="small" className="mt-2" onClick={() => setCreated(null)}>
            {t("keyCopied")}
          </Button>
        </div>
      )}
      <PagedTable
        rows={terminals}
        rowKey={(x) => x.id}
        rowProps={(x) => ({ "data-terminal": x.id, "data-terminal-name": x.name })}
        empty={<EmptyState title={t("noTerminals")} hint={t("noTerminalsHint")} />}
        columns={[
          { key: "name", header: t("terminal"), cell: (x) => <>{x.name}<div className="text-ui-fg-subtle">{x.key_prefix}…</div></> },
          { key: "location", header: t("location"), cell: (x) => x.location?.name ?? x.location_id },
          { key: "scopes", header: t("scopes"), cell: (x) => x.scopes.map((s) => <span key={s} title={label(s)} className="mr-1">{s}</span>) },
          { key: "seen", header: t("lastSeen"), cell: (x) => when(x.last_seen_at) },
          { key: "status", header: t("status"), cell: (x) => <Badge color={x.status === "active" ? "green" : "red"}>{t(`status_${x.status}`)}</Badge> },
          { key: "revoke", header: "", cell: (x) => (x.status === "active" ? <RevokeButton terminal={x} /> : null) },
        ]}
      />
      <form onSubmit={submit} className="flex flex-wrap items-end gap-2">
        <div><Label htmlFor="term-name">{t("name")}</Label><Input id="term-name" value={name} onChange={(e) => setName(e.target.value)} required /></div>
        <div>
          <Label htmlFor="term-location">{t("location")}</Label>
          <select id="term-location" className={SELECT_CLASS} value={locationId || locations[0]?.id || ""} onChange={(e) => setLocationId(e.target.value)}>
            {locations.map((l) => <option key={l.id} value={l.id}>{l.name}</option>)}
          </select>
        </div>
        <fieldset className="flex flex-wrap gap-3" data-testid="pos-scopes">
          <legend className="txt-compact-small-plus mb-1">{t("whatItMayDo")}</legend>
          {available.map((s) => (
            <div key={s.scope} className="flex items-center gap-1" title={s.label[locale]}>
              <input id={`scope-${s.scope}`} type="checkbox" checked={scopes.includes(s.scope)} onChange={() => toggle(s.scope)} aria-describedby={`scope-${s.scope}-label`} />
              <label htmlFor={`scope-${s.scope}`}>{s.scope}</label>
              <span id={`scope-${s.scope}-label`} className="text-ui-fg-subtle txt-compact-small">{s.label[locale]}</span>
            </div>
          ))}
        </fieldset>
        <Button type="submit" isLoading={create.isLoading} disabled={!locations.length || !scopes.length}>
          {t("createTerminal")}
        </Button>
      </form>
      {scopeList.isError && <Text className="text-ui-fg-error">{errorText(scopeList.error)}</Text>}
      {create.isError && <Text className="text-ui-fg-error">{errorText(create.error)}</Text>}
    </Container>
  )
}

/** The cards of one staff member and a field to add one. */
const StaffCards = ({ member, onChanged }: { member: StaffMember; onChanged: () => void }) => {
  const t = useT(messages)
  const [uid, setUid] = useState("")
  const addCard = useAdminPost<{ uid: string }, { card: StaffCard }>(`/pos/staff/${member.id}/cards`)
  return (
    <>
      <form className="flex gap-1" onSubmit={(e) => { e.preventDefault(); void addCard.mutate({ uid }, { onSuccess: () => { setUid(""); onChanged() } }) }}>
        <Input size="small" placeholder={t("cardUid")} value={uid} onChange={(e) => setUid(e.target.value)} required />
        <Button size="small" variant="secondary" type="submit" isLoading={addCard.isLoading}>{t("addCard")}</Button>
      </form>
      {addCard.isError && <Text className="text-ui-fg-error">{errorText(addCard.error)}</Text>}
    </>
  )
}

/** Staff: list, create, add card. */
const Staff = ({ staff, locations, onChanged }: { staff: StaffMember[]; locations: Location[]; onChanged: () => void }) => {
  const t = useT(messages)
  const [name, setName] = useState("")
  const create = useAdminPost<{ name: string }, { staff_member: StaffMember }>("/pos/staff")
  return (
    <Container data-testid="pos-staff">
      <Heading level="h2">{t("staff")}</Heading>
      <PagedTable
        rows={staff}
        rowKey={(m) => m.id}
        rowProps={(m) => ({ "data-staff": m.id })}
        empty={<EmptyState title={t("noStaff")} hint={t("noStaffHint")} />}
        columns={[
          { key: "name", header: t("name"), cell: (m) => m.name },
          { key: "location", header: t("location"), cell: (m) => locations.find((l) => l.id === m.location_id)?.name ?? t("allLocations") },
          {
            key: "cards",
            header: t("cards"),
            cell: (m) => m.cards.map((c) => <Badge key={c.id} color={c.status === "active" ? "green" : "grey"} className="mr-1">{c.uid}</Badge>),
          },
          { key: "add", header: "", cell: (m) => <StaffCards member={m} onChanged={onChanged} /> },
        ]}
      />
      <form className="flex items-end gap-2" onSubmit={(e) => { e.preventDefault(); void create.mutate({ name }, { onSuccess: () => { setName(""); onChanged() } }) }}>
        <div><Label htmlFor="staff-name">{t("name")}</Label><Input id="staff-name" value={name} onChange={(e) => setName(e.target.value)} required /></div>
        <Button type="submit" variant="secondary" isLoading={create.isLoading}>{t("addStaff")}</Button>
      </form>
      {create.isError && <Text className="text-ui-fg-error">{errorText(create.error)}</Text>}
    </Container>
  )
}

/** The "POS access" page: locations, terminal keys and staff cards. */
const PosAccessPage = () => {
  const t = useT(messages)
  const locations = useAdminCustomQuery<Record<string, never>, { locations: Location[] }>("/pos/locations", ["pos-locations"])
  const terminals = useAdminCustomQuery<Record<string, never>, { terminals: Terminal[] }>("/pos/terminals", ["pos-terminals"])
  const staff = useAdminCustomQuery<Record<string, never>, { staff: StaffMember[] }>("/pos/staff", ["pos-staff"])
  const failed = [locations, terminals, staff].find((q) => q.isError)
  return (
    <div>
      <PageHeader title={t("title")} intro={t("intro")}>
        {failed && <Text className="text-ui-fg-error">{t("loadFailed", { error: errorText(failed.error) })}</Text>}
      </PageHeader>
      <Locations locations={locations.data?.locations ?? []} onChanged={() => void locations.refetch()} />
      <Terminals terminals={terminals.data?.terminals ?? []} locations={locations.data?.locations ?? []} onChanged={() => void terminals.refetch()} />
      <Staff staff={staff.data?.staff ?? []} locations={locations.data?.locations ?? []} onChanged={() => void staff.refetch()} />
    </div>
  )
}

export const config: RouteConfig = {
  link: {
    label: "POS access",
    icon: KeySolid,
  },
}

// The sidebar link in the admin's language (the literal above is what the admin build checks).
localizeLink(config, { de: "Kassenzugang", en: "POS access", pt: "Acesso POS" })

export default PosAccessPage
