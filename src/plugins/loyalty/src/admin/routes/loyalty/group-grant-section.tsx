import { Button, Container, Heading, Input, Label, Text } from "@medusajs/ui"
import { useAdminCustomerGroups, useMedusa } from "medusa-react"
import { FormEvent, useState } from "react"

import { errorText } from "../../components/shared"

/** Extra points for every customer of a Medusa customer group, once per customer and campaign. */
export const GroupGrantSection = () => {
  const { client } = useMedusa()
  const groups = useAdminCustomerGroups({ limit: 200 })
  const [groupId, setGroupId] = useState("")
  const [points, setPoints] = useState("")
  const [reason, setReason] = useState("")
  const [campaign, setCampaign] = useState("")
  const [state, setState] = useState<{ loading: boolean; error: string | null; result: { customers: number; granted: number } | null }>({
    loading: false,
    error: null,
    result: null,
  })
  const submit = (e: FormEvent) => {
    e.preventDefault()
    if (!groupId) return setState({ loading: false, error: "Choose a customer group", result: null })
    setState({ loading: true, error: null, result: null })
    client.admin.custom
      .post(`/loyalty/groups/${encodeURIComponent(groupId)}/grant`, { points: Number(points), reason, campaign })
      .then((result: { customers: number; granted: number }) => setState({ loading: false, error: null, result }))
      .catch((error: unknown) => setState({ loading: false, error: errorText(error), result: null }))
  }
  return (
    <Container className="mb-4">
      <Heading level="h2">Extra points for a customer group</Heading>
      <form onSubmit={submit} className="mt-2 flex flex-wrap items-end gap-2">
        <div>
          <Label htmlFor="ly-grp">Customer group</Label>
          <select id="ly-grp" className="bg-ui-bg-field border-ui-border-base block rounded-md border p-2" value={groupId} onChange={(e) => setGroupId(e.target.value)} required>
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
      {state.result && (
        <Text data-testid="loyalty-group-result">
          {state.result.granted} of {state.result.customers} customers received the points
          {state.result.granted < state.result.customers ? " (the others already had them from this campaign)" : ""}.
        </Text>
      )}
      {state.error && <Text className="text-ui-fg-error">{state.error}</Text>}
    </Container>
  )
}
