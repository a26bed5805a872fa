import type { CustomerDetailsWidgetProps, WidgetConfig } from "@medusajs/admin"
import { Container, Heading, Text } from "@medusajs/ui"
import { useAdminCustomQuery } from "medusa-react"

type Overview = {
  points: number
  cards: { code: string; status: string }[]
  visits: { id: string; created_at: string; amount_minor: number; currency_code: string; points_earned: number }[]
}

/** On the customer page: loyalty cards, points and the last visits. */
const LoyaltyCustomerWidget = ({ customer }: CustomerDetailsWidgetProps) => {
  const overview = useAdminCustomQuery<Record<string, never>, Overview>(`/loyalty/customers/${customer.id}`, ["loyalty-customer", customer.id])
  const data = overview.data
  return (
    <Container data-testid="loyalty-customer-widget">
      <Heading level="h2">Loyalty</Heading>
      {!data ? (
        <Text>{overview.isError ? "Not available" : "Loading…"}</Text>
      ) : (
        <div>
          <Text>
            {data.points} points · cards: {data.cards.map((c) => `${c.code} (${c.status})`).join(", ") || "none"}
          </Text>
          {data.visits.map((v) => (
            <Text key={v.id} className="text-ui-fg-subtle">
              {new Date(v.created_at).toLocaleDateString()}: {(v.amount_minor / 100).toFixed(2)} {v.currency_code.toUpperCase()}, {v.points_earned} points
            </Text>
          ))}
        </div>
      )}
    </Container>
  )
}

export const config: WidgetConfig = {
  zone: "customer.details.after",
}

export default LoyaltyCustomerWidget
