import { Button, Container, Heading, Input, Label, Text } from "@medusajs/ui"
import { useAdminCustomerGroups } from "medusa-react"
import { FormEvent, useState } from "react"

import { SELECT_CLASS, useAdminPost } from "../../components/shared"

/** Extra points for every customer of a Medusa customer group, once per customer and campaign. */
export const GroupGrantSection = () => {
  const groups = useAdminCustomerGroups({ limit: 200 })
  const [groupId, setGroupId] = useState("")
  const [points, setPoints] = useState("")
  const [reason, setReason] = useState("")
  const [campaign, setCampaign] = useState("")
  const state = useAdminPost()
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    if (!groupId) return state.refuse("Choose a customer group")
    await state.post<{ customers: number; granted: number }>(
      `/loyalty/groups/${encodeURIComponent(groupId)}/grant`,
      { points: Number(points), reason, campaign },
      {
        done: (r) =>
          `${r.granted} of ${r.customers} customers received the points${r.granted < r.customers ? " (the others already had them from this campaign)" : ""}.`,
      }
    )
  }
  return (
    <Container className="mb-4">
      <Heading level="h2">Extra points for a customer group</Heading>
      <form onSubmit={submit} className="mt-2 flex flex-wrap items-end gap-2">
        <div>
          <Label htmlFor="ly-grp">Customer group</Label>
          <select id="ly-grp" className={SELECT_CLASS} value={groupId} onChange={(e) => setGroupId(e.target.value)} required>
            <option value="">Choose…</option>
            {(groups.customer_groups ?? []).map((g) => (
              <option key={g.id} value={g.id}>{g.name}</option>
            ))}
          </select>
        </div>
        <div><Label htmlFor="ly-grp-points">Points</Label><Input id="ly-grp-points" type="number" min={1} value={points} onChange={(e) => setPoints(e.target.value)} required /></div>
        <div><Label htmlFor="ly-grp-reason">Reason</Label><Input id="ly-grp-reason" value={reason} onChange={(e) => setReason(e.target.value)} required /></div>
        <div><Label htmlFor="ly-grp-campaign">Campaign (once per customer)</Label><Input id="ly-grp-campaign" value={campaign} onChange={(e) => setCampaign(e.target.value)} placeholder="summer-2025" required /></div>
        <Button type="submit" variant="secondary" isLoading={state.loading}>Grant points</Button>
      </form>
      {state.done && <Text data-testid="loyalty-group-result">{state.done}</Text>}
      {state.error && <Text className="text-ui-fg-error">{state.error}</Text>}
    </Container>
  )
}
