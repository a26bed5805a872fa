import { Button, Container, Heading, Input, Label, Text } from "@medusajs/ui"
import { useAdminCustomQuery, useMedusa } from "medusa-react"
import { FormEvent, useState } from "react"

import { ConfirmButton, EmptyState, errorText, PagedTable, useAdminPost, useT } from "@customer-modules/admin-kit"
import type { Json } from "@customer-modules/admin-kit"

import { messages } from "./messages"
import type { Venue as VenueRow } from "../../../types"

/** A venue as the admin API answers it. */
export type Venue = Json<VenueRow>
type Location = { id: string; name: string }

const ZONES: string[] = (() => {
  try {
    return (Intl as unknown as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.("timeZone") ?? []
  } catch {
    return []
  }
})()

type Draft = { name: string; address: string; time_zone: string; capacity_hint: string; location_id: string }
const emptyDraft = (): Draft => ({ name: "", address: "", time_zone: Intl.DateTimeFormat().resolvedOptions().timeZone || "Europe/Berlin", capacity_hint: "", location_id: "" })
const draftOf = (v: Venue): Draft => ({ name: v.name, address: v.address ?? "", time_zone: v.time_zone, capacity_hint: v.capacity_hint ? String(v.capacity_hint) : "", location_id: v.location_id ?? "" })

/** The venue form: a new venue, or the one being edited. */
const VenueForm = ({ venue, onDone }: { venue: Venue | null; onDone: () => void }) => {
  const t = useT(messages)
  const [d, setD] = useState<Draft>(venue ? draftOf(venue) : emptyDraft())
  const locations = useAdminCustomQuery<Record<string, never>, { locations: Location[] }>("/pos/locations", ["pos-locations"])
  const save = useAdminPost<Record<string, unknown>, { venue: Venue }>(venue ? `/events/venues/${venue.id}` : "/events/venues")
  const submit = (e: FormEvent) => {
    e.preventDefault()
    void save.mutate(
      {
        name: d.name,
        address: d.address.trim() || null,
        time_zone: d.time_zone,
        capacity_hint: d.capacity_hint ? Number(d.capacity_hint) : null,
        location_id: d.location_id || null,
      },
      { onSuccess: onDone }
    )
  }
  return (
    <form onSubmit={submit} className="grid grid-cols-2 gap-3 my-3" data-testid="event-venue-form">
      <Heading level="h3" className="col-span-2">{venue ? t("editVenue", { name: venue.name }) : t("newVenue")}</Heading>
      <div><Label htmlFor="ev-venue-name">{t("venueName")}</Label><Input id="ev-venue-name" value={d.name} onChange={(e) => setD({ ...d, name: e.target.value })} required maxLength={200} /></div>
      <div><Label htmlFor="ev-venue-address">{t("address")}</Label><Input id="ev-venue-address" value={d.address} onChange={(e) => setD({ ...d, address: e.target.value })} maxLength={500} /></div>
      <div>
        <Label htmlFor="ev-venue-zone">{t("timeZone")}</Label>
        <Input id="ev-venue-zone" list="ev-zones" value={d.time_zone} onChange={(e) => setD({ ...d, time_zone: e.target.value })} required />
        <datalist id="ev-zones">{ZONES.map((z) => <option key={z} value={z} />)}</datalist>
      </div>
      <div><Label htmlFor="ev-venue-capacity">{t("capacityHint")}</Label><Input id="ev-venue-capacity" type="number" min={1} value={d.capacity_hint} onChange={(e) => setD({ ...d, capacity_hint: e.target.value })} /></div>
      <div>
        <Label htmlFor="ev-venue-location">{t("location")}</Label>
        <select id="ev-venue-location" className="border rounded p-1 w-full" value={d.location_id} onChange={(e) => setD({ ...d, location_id: e.target.value })}>
          <option value="">{t("none")}</option>
          {(locations.data?.locations ?? []).map((l) => <option key={l.id} value={l.id}>{l.name}</option>)}
        </select>
      </div>
      <div className="col-span-2 flex gap-2">
        <Button type="submit" isLoading={save.isLoading}>{venue ? t("save") : t("create")}</Button>
        {venue && <Button type="button" variant="secondary" onClick={onDone}>{t("cancel")}</Button>}
      </div>
      {save.isError && <Text className="col-span-2 text-ui-fg-error">{errorText(save.error)}</Text>}
    </form>
  )
}

/** Venues: list, create, edit, delete (asked first; refused while events or templates use it). */
export const VenuesSection = () => {
  const t = useT(messages)
  const { client } = useMedusa()
  const venues = useAdminCustomQuery<Record<string, never>, { venues: Venue[] }>("/events/venues", ["event-venues"])
  const [editing, setEditing] = useState<Venue | null>(null)
  const [formKey, setFormKey] = useState(0)
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null)
  const done = () => {
    setEditing(null)
    setFormKey((k) => k + 1)
    setNote({ ok: true, text: t("saved") })
    void venues.refetch()
  }
  const remove = async (v: Venue) => {
    try {
      await client.admin.custom.delete(`/events/venues/${v.id}`)
      setNote({ ok: true, text: t("deleted") })
      void venues.refetch()
    } catch (e) {
      setNote({ ok: false, text: errorText(e) })
    }
  }
  return (
    <Container className="mb-4" data-testid="event-venues">
      <Heading level="h2">{t("venuesTitle")}</Heading>
      {venues.isError && <Text className="text-ui-fg-error">{t("loadFailed", { error: errorText(venues.error) })}</Text>}
      <PagedTable
        rows={venues.data?.venues ?? []}
        rowKey={(v) => v.id}
        isLoading={venues.isLoading}
        rowProps={(v) => ({ "data-venue-name": v.name })}
        empty={<EmptyState title={t("noVenuesTitle")} hint={t("noVenuesHint")} />}
        columns={[
          { key: "name", header: t("venueName"), cell: (v) => v.name },
          { key: "address", header: t("address"), cell: (v) => v.address ?? "" },
          { key: "zone", header: t("timeZone"), cell: (v) => v.time_zone },
          { key: "capacity", header: t("capacityHint"), cell: (v) => v.capacity_hint ?? "" },
          {
            key: "actions",
            header: "",
            cell: (v) => (
              <div className="flex gap-1">
                <Button size="small" variant="secondary" onClick={() => setEditing(v)}>{t("edit")}</Button>
                <ConfirmButton size="small" title={t("deleteVenueTitle", { name: v.name })} description={t("deleteVenueText")} confirmLabel={t("delete")} onConfirm={() => remove(v)}>
                  {t("delete")}
                </ConfirmButton>
              </div>
            ),
          },
        ]}
      />
      {note && <Text className={note.ok ? "text-ui-fg-subtle" : "text-ui-fg-error"} data-testid="event-venues-note">{note.text}</Text>}
      <VenueForm key={editing ? editing.id : `new-${formKey}`} venue={editing} onDone={done} />
    </Container>
  )
}
