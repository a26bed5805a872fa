import { Container, Heading, Input, Label, Table, Text } from "@medusajs/ui"
import { useAdminCustomQuery } from "medusa-react"
import { useState } from "react"
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts"

import type { PointsTimeline, Segment, SegmentSummary } from "../../../services/loyalty-analysis"
import { TIMELINE_SPAN_DAYS } from "../../../utils/timeline"
import type { TimelineInterval as Interval } from "../../../utils/timeline"
import { dateInput, errorText, formatMinor, SELECT_CLASS } from "../../components/shared"

/** The timeline as the admin API answers it (instants as text). */
type Timeline = Omit<PointsTimeline, "from" | "to"> & { from: string; to: string }

const SEGMENT_LABELS: Record<Segment, string> = {
  champions: "Champions",
  loyal: "Loyal",
  new: "New",
  at_risk: "At risk",
  lost: "Lost",
  regular: "Regular",
}

const TIMELINE_BARS: ChartBar[] = [
  { key: "issued", name: "Issued", color: "#16a34a" },
  { key: "redeemed", name: "Redeemed", color: "#2563eb" },
  { key: "expired_or_taken_back", name: "Expired or taken back", color: "#9ca3af" },
]

type ChartBar = { key: string; name: string; color: string }

/** One bar chart frame for both charts: grid, whole-number axis, tooltip, no animation. */
const Bars = ({ testId, height, data, xKey, bars }: { testId: string; height: number; data: object[]; xKey: string; bars: ChartBar[] }) => (
  <div data-testid={testId} style={{ width: "100%", height }}>
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={data} margin={{ top: 10, right: 10, bottom: 0, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey={xKey} />
        <YAxis allowDecimals={false} />
        <Tooltip />
        {bars.length > 1 && <Legend />}
        {bars.map((b) => (
          <Bar key={b.key} dataKey={b.key} name={b.name} fill={b.color} isAnimationActive={false} />
        ))}
      </BarChart>
    </ResponsiveContainer>
  </div>
)

const revenueText = (r: Record<string, number>) =>
  Object.entries(r)
    .map(([currency, minor]) => formatMinor(minor, currency))
    .join(", ") || "–"

/** Customers per RFM segment as bars, with visits and revenue below. */
const SegmentsChart = () => {
  const query = useAdminCustomQuery<Record<string, never>, { segments: SegmentSummary[]; customers: number }>("/loyalty/analysis/segments", [
    "loyalty-analysis-segments",
  ])
  const data = (query.data?.segments ?? []).map((s) => ({ ...s, label: SEGMENT_LABELS[s.segment] }))
  return (
    <div className="mb-6" data-testid="loyalty-segments">
      <Heading level="h3">Customers per segment</Heading>
      {query.isError && <Text className="text-ui-fg-error">{errorText(query.error)}</Text>}
      <Text className="text-ui-fg-subtle">
        {query.data ? `${query.data.customers} analysed customers` : "Loading…"} · recency, frequency and spend of the sales that earned points
      </Text>
      <Bars testId="loyalty-segments-chart" height={260} data={data} xKey="label" bars={[{ key: "customers", name: "Customers", color: "#6366f1" }]} />
      <Table className="my-2" data-testid="loyalty-segments-table">
        <Table.Header>
          <Table.Row><Table.HeaderCell>Segment</Table.HeaderCell><Table.HeaderCell>Customers</Table.HeaderCell><Table.HeaderCell>Visits</Table.HeaderCell><Table.HeaderCell>Revenue</Table.HeaderCell></Table.Row>
        </Table.Header>
        <Table.Body>
          {data.map((s) => (
            <Table.Row key={s.segment} data-segment={s.segment}>
              <Table.Cell>{s.label}</Table.Cell>
              <Table.Cell data-testid="segment-customers">{s.customers}</Table.Cell>
              <Table.Cell>{s.visits}</Table.Cell>
              <Table.Cell>{revenueText(s.revenue_minor)}</Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </div>
  )
}

/** Points issued vs redeemed (and expired or taken back) per day, week or month. */
const TimelineChart = () => {
  const [interval, setBucketInterval] = useState<Interval>("day")
  const [to, setTo] = useState(() => dateInput(new Date()))
  const [from, setFrom] = useState(() => dateInput(new Date(Date.now() - TIMELINE_SPAN_DAYS.day * 86_400_000)))
  const changeInterval = (next: Interval) => {
    setBucketInterval(next)
    setFrom(dateInput(new Date(new Date(`${to}T00:00:00`).getTime() - TIMELINE_SPAN_DAYS[next] * 86_400_000)))
  }
  // The chosen days are whole days: from its start up to the end of the "to" day (browser time).
  const fromAt = new Date(`${from}T00:00:00`)
  const toAt = new Date(`${to}T00:00:00`)
  toAt.setDate(toAt.getDate() + 1)
  const valid = !Number.isNaN(fromAt.getTime()) && !Number.isNaN(toAt.getTime())
  const params: Record<string, string> = valid ? { from: fromAt.toISOString(), to: toAt.toISOString(), interval } : { interval }
  const query = useAdminCustomQuery<typeof params, Timeline>("/loyalty/analysis/timeline", ["loyalty-analysis-timeline", params], params)
  const data = (query.data?.buckets ?? []).map((b) => ({ ...b, expired_or_taken_back: b.expired + b.taken_back }))
  const csv = `/admin/loyalty/analysis/timeline?${new URLSearchParams({ ...params, format: "csv" }).toString()}`
  return (
    <div data-testid="loyalty-timeline">
      <Heading level="h3">Points issued and redeemed</Heading>
      <div className="my-2 flex flex-wrap items-end gap-2">
        <div>
          <Label htmlFor="ly-tl-interval">Per</Label>
          <select id="ly-tl-interval" className={SELECT_CLASS} value={interval} onChange={(e) => changeInterval(e.target.value as Interval)}>
            <option value="day">day</option>
            <option value="week">week</option>
            <option value="month">month</option>
          </select>
        </div>
        <div><Label htmlFor="ly-tl-from">From</Label><Input id="ly-tl-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} /></div>
        <div><Label htmlFor="ly-tl-to">To</Label><Input id="ly-tl-to" type="date" value={to} onChange={(e) => setTo(e.target.value)} /></div>
        <a className="text-ui-fg-interactive" href={csv}>Download (CSV)</a>
      </div>
      {query.isError && <Text className="text-ui-fg-error" data-testid="loyalty-timeline-error">{errorText(query.error)}</Text>}
      <Bars testId="loyalty-timeline-chart" height={280} data={data} xKey="start" bars={TIMELINE_BARS} />
      {query.data && (
        <Text className="text-ui-fg-subtle" data-testid="loyalty-timeline-totals">
          In this period: {query.data.totals.issued} issued, {query.data.totals.redeemed} redeemed, {query.data.totals.expired} expired,{" "}
          {query.data.totals.taken_back} taken back (days in {query.data.time_zone}).
        </Text>
      )}
    </div>
  )
}

/** The analysis charts: segments and the points timeline. */
export const AnalysisSection = () => (
  <Container className="mb-4">
    <Heading level="h2">Analysis</Heading>
    <SegmentsChart />
    <TimelineChart />
  </Container>
)
