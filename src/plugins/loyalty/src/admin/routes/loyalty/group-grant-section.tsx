import { Button, Container, Heading, Input, Label, Text } from "@medusajs/ui"
import { useAdminCustomerGroups } from "medusa-react"
import { FormEvent, useState } from "react"

import { useT } from "@customer-modules/admin-kit"

import { SELECT_CLASS, useFormPost } from "../../components/shared"
import { messages } from "../../messages"

/** Extra points for every customer of a Medusa customer group, once per customer and campaign. */
export const GroupGrantSection = () => {
  const t = useT(messages)
  const groups = useAdminCustomerGroups({ limit: 200 })
  const [groupId, setGroupId] = useState("")
  const [points, setPoints] = useState("")
  const [reason, setReason] = useState("")
  const [campaign, setCampaign] = useState("")
  const state = useFormPost()
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    if (!groupId) return state.refuse(t("chooseGroup"))
    await state.post<{ customers: number; granted: number }>(
      `/loyalty/groups/${encodeURIComponent(groupId)}/grant`,
      { points: Number(points), reason, campaign },
      {
        done: (r) => t(r.granted < r.customers ? "grantedSome" : "granted", { granted: r.granted, customers: r.customers }),
      }
    )
  }
  return (
    <Container className="mb-4">
      <Heading level="h2">{t("groupTitle")}</Heading>
      <form onSubmit={submit} className="mt-2 flex flex-wrap items-end gap-2">
        <div>
          <Label htmlFor="ly-grp">{t("group")}</Label>
          <select id="ly-grp" className={SELECT_CLASS} value={groupId} onChange={(e) => setGroupId(e.target.value)} required>
            <option value="">{t("choose")}</option>
            {(groups.customer_groups ?? []).map((g) => (
              <option key={g.id} value={g.id}>{g.name}</option>
            ))}
          </select>
        </div>
        <div><Label htmlFor="ly-grp-points">{t("points")}</Label><Input id="ly-grp-points" type="number" min={1} value={points} onChange={(e) => setPoints(e.target.value)} required /></div>
        <div><Label htmlFor="ly-grp-reason">{t("reason")}</Label><Input id="ly-grp-reason" value={reason} onChange={(e) => setReason(e.target.value)} required /></div>
        <div><Label htmlFor="ly-grp-campaign">{t("campaignOnce")}</Label><Input id="ly-grp-campaign" value={campaign} onChange={(e) => setCampaign(e.target.value)} placeholder="summer-2025" required /></div>
        <Button type="submit" variant="secondary" isLoading={state.loading}>{t("grant")}</Button>
      </form>
      {state.done && <Text data-testid="loyalty-group-result">{state.done}</Text>}
      {state.error && <Text className="text-ui-fg-error">{state.error}</Text>}
    </Container>
  )
}
