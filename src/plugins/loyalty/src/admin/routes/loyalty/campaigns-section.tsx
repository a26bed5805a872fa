import { Badge, Button, Container, Heading, Input, Label, Table, Text } from "@medusajs/ui"
import { useAdminCustomPost, useAdminCustomQuery } from "medusa-react"
import { FormEvent, useState } from "react"

import { ConfirmButton, EmptyState, errorText, useAdminLocale, useT } from "@customer-modules/admin-kit"

import { Campaign, SELECT_CLASS, Settings } from "../../components/shared"
import { messages } from "../../messages"

type Location = { id: string; name: string }

const stateOf = (c: Campaign, now: number): { label: "planned" | "running" | "over"; color: "green" | "grey" | "orange" } =>
  now < Date.parse(c.starts_at) ? { label: "planned", color: "orange" } : now < Date.parse(c.ends_at) ? { label: "running", color: "green" } : { label: "over", color: "grey" }

/**
 * Campaigns that multiply the points of every sale in a time window (at some
 * tills or everywhere); the highest running campaign applies, they do not stack.
 * Saved with the settings (the whole list), so the earning rule stays in one place.
 */
export const CampaignsSection = () => {
  const t = useT(messages)
  const locale = useAdminLocale()
  const query = useAdminCustomQuery<Record<string, never>, { settings: Settings }>("/loyalty/settings", ["loyalty-settings"])
  const locations = useAdminCustomQuery<Record<string, never>, { locations: Location[] }>("/pos/locations", ["pos-locations"])
  const save = useAdminCustomPost<{ campaigns: Campaign[] }, { settings: Settings }>("/loyalty/settings", ["loyalty-settings"])
  const [name, setName] = useState("")
  const [multiplier, setMultiplier] = useState("200")
  const [starts, setStarts] = useState("")
  const [ends, setEnds] = useState("")
  const [locationId, setLocationId] = useState("")
  const campaigns = query.data?.settings.campaigns ?? []
  const now = Date.now()
  const nameOf = (id: string) => locations.data?.locations.find((l) => l.id === id)?.name ?? id

  const add = (e: FormEvent) => {
    e.preventDefault()
    const campaign: Campaign = {
      name,
      multiplier_percent: Number(multiplier),
      // datetime-local is the browser's local time; the server keeps UTC instants.
      starts_at: starts ? new Date(starts).toISOString() : "",
      ends_at: ends ? new Date(ends).toISOString() : "",
      ...(locationId ? { location_ids: [locationId] } : {}),
    }
    save.mutate({ campaigns: [...campaigns, campaign] }, { onSuccess: () => setName("") })
  }
  const remove = (index: number) => save.mutate({ campaigns: campaigns.filter((_, i) => i !== index) })

  return (
    <Container data-testid="loyalty-campaigns">
      <Heading level="h2">{t("campaigns")}</Heading>
      <Text className="text-ui-fg-subtle">{t("campaignsIntro")}</Text>
      {query.data && campaigns.length === 0 && <EmptyState title={t("noCampaigns")} hint={t("noCampaignsHint")} />}
      {campaigns.length > 0 && (
        <Table className="my-2">
          <Table.Header>
            <Table.Row><Table.HeaderCell>{t("name")}</Table.HeaderCell><Table.HeaderCell>{t("points")}</Table.HeaderCell><Table.HeaderCell>{t("from")}</Table.HeaderCell><Table.HeaderCell>{t("until")}</Table.HeaderCell><Table.HeaderCell>{t("where")}</Table.HeaderCell><Table.HeaderCell /></Table.Row>
          </Table.Header>
          <Table.Body>
            {campaigns.map((c, i) => {
              const state = stateOf(c, now)
              return (
                <Table.Row key={`${c.name}-${c.starts_at}-${i}`} data-loyalty-campaign={c.name}>
                  <Table.Cell>{c.name} <Badge color={state.color}>{t(`state_${state.label}`)}</Badge></Table.Cell>
                  <Table.Cell>× {(c.multiplier_percent / 100).toLocaleString(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 })}</Table.Cell>
                  <Table.Cell>{new Date(c.starts_at).toLocaleString(locale)}</Table.Cell>
                  <Table.Cell>{new Date(c.ends_at).toLocaleString(locale)}</Table.Cell>
                  <Table.Cell>{c.location_ids?.map(nameOf).join(", ") ?? t("everywhere")}</Table.Cell>
                  <Table.Cell>
                    <ConfirmButton size="small" onConfirm={() => remove(i)} isLoading={save.isLoading} title={t("removeCampaignTitle", { name: c.name })} description={t("removeCampaignText")} confirmLabel={t("remove")}>
                      {t("remove")}
                    </ConfirmButton>
                  </Table.Cell>
                </Table.Row>
              )
            })}
          </Table.Body>
        </Table>
      )}
      <form onSubmit={add} className="mt-2 flex flex-wrap items-end gap-2">
        <div><Label htmlFor="ly-cp-name">{t("name")}</Label><Input id="ly-cp-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={100} required /></div>
        <div><Label htmlFor="ly-cp-mult">{t("multiplier")}</Label><Input id="ly-cp-mult" type="number" min={101} max={1000} value={multiplier} onChange={(e) => setMultiplier(e.target.value)} required /></div>
        <div><Label htmlFor="ly-cp-from">{t("from")}</Label><Input id="ly-cp-from" type="datetime-local" value={starts} onChange={(e) => setStarts(e.target.value)} required /></div>
        <div><Label htmlFor="ly-cp-until">{t("until")}</Label><Input id="ly-cp-until" type="datetime-local" value={ends} onChange={(e) => setEnds(e.target.value)} required /></div>
        <div>
          <Label htmlFor="ly-cp-where">{t("where")}</Label>
          <select id="ly-cp-where" className={SELECT_CLASS} value={locationId} onChange={(e) => setLocationId(e.target.value)}>
            <option value="">{t("everywhere")}</option>
            {(locations.data?.locations ?? []).map((l) => <option key={l.id} value={l.id}>{l.name}</option>)}
          </select>
        </div>
        <Button type="submit" variant="secondary" isLoading={save.isLoading}>{t("addCampaign")}</Button>
      </form>
      {save.isError && <Text className="text-ui-fg-error" data-testid="loyalty-campaigns-error">{errorText(save.error)}</Text>}
    </Container>
  )
}
