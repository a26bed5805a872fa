import { Container, Heading, Input, Label, Table, Text } from "@medusajs/ui"
import { useAdminCustomQuery } from "medusa-react"
import { useState } from "react"

import { ChartFrame, errorText, toDateInput, useFormatMoney, useT } from "@customer-modules/admin-kit"
import type { ChartSeries } from "@customer-modules/admin-kit"

import type { PointsTimeline, Segment, SegmentSummary } from "../../../services/loyalty-analysis"
import { TIMELINE_SPAN_DAYS } from "../../../utils/timeline"
import type { TimelineInterval as Interval } from "../../../utils/timeline"
import { SELECT_CLASS } from "../../components/shared"
import { messages } from "../../messages"

/** The timeline as the admin API answers it (instants as text). */
type Timeline = Omit<PointsTimeline, "from" | "to"> & { from: string; to: string }


const TIMELINE_BARS: (ChartSeries & { name: "issued" | "redeemed" | "expiredOrTaken" })[] = [
  { key: "issued", name: "issued", color: "#16a34a" },
  { key: "redeemed", name: "redeemed", color: "#2563eb" },
  { key: "expired_or_taken_back", name: "expiredOrTaken", color: "#9ca3af" },
]

const revenueText = (r: Record<string, number>, money: (minor: number, currency: string) => string) =>
  Object.entries(r)
    .map(([currency, minor]) => money(minor, currency))
    .join(", ") || "–"

/** Customers per RFM segment as bars, with visits and revenue below. */
const SegmentsChart = () => {
  const t = useT(messages)
  const money = useFormatMoney()
  const query = useAdminCustomQuery<Record<string, never>, { segments: SegmentSummary[]; customers: number }>("/loyalty/analysis/segments", [
    "loyalty-analysis-segments",
  ])
  const data = (query.data?.segments ?? []).map((s) => ({ ...s, label: t(`seg_${s.segment as Segment}`) }))
  return (
    <div className="mb-6" data-testid="loyalty-segments">
      <Heading level="h3">{t("perSegment")}</Heading>
      {query.isError && <Text className="text-ui-fg-error">{errorText(query.error)}</Text>}
      <Text className="text-ui-fg-subtle">
        {query.data ? t("analysed", { count: query.data.customers }) : t("loading")} · {t("rfm")}
      </Text>
      <ChartFrame data-testid="loyalty-segments-chart" height={260} data={data} xKey="label" series={[{ key: "customers", name: t("customers"), color: "#6366f1" }]} />
      <Table className="my-2" data-testid="loyalty-segments-table">
        <Table.Header>
          <Table.Row><Table.HeaderCell>{t("segment")}</Table.HeaderCell><Table.HeaderCell>{t("customers")}</Table.HeaderCell><Table.HeaderCell>{t("visits")}</Table.HeaderCell><Table.HeaderCell>{t("revenue")}</Table.HeaderCell></Table.Row>
        </Table.Header>
        <Table.Body>
          {data.map((s) => (
            <Table.Row key={s.segment} data-segment={s.segment}>
              <Table.Cell>{s.label}</Table.Cell>
              <Table.Cell data-testid="segment-customers">{s.customers}</Table.Cell>
              <Table.Cell>{s.visits}</Table.Cell>
              <Table.Cell>{revenueText(s.revenue_minor, money)}</Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </div>
  )
}

/** Points issued vs redeemed (and expired or taken back) per day, week or month. */
const TimelineChart = () => {
  const t = useT(messages)
  const [interval, setBucketInterval] = useState<Interval>("day")
  const [to, setTo] = useState(() => toDateInput(new Date()))
  const [from, setFrom] = useState(() => toDateInput(new Date(Date.now() - TIMELINE_SPAN_DAYS.day * 86_400_000)))
  const changeInterval = (next: Interval) => {
    setBucketInterval(next)
    setFrom(toDateInput(new Date(new Date(`${to}T00:00:00`).getTime() - TIMELINE_SPAN_DAYS[next] * 86_400_000)))
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
      <Heading level="h3">{t("timeline")}</Heading>
      <div className="my-2 flex flex-wrap items-end gap-2">
        <div>
          <Label htmlFor="ly-tl-interval">{t("per")}</Label>
          <select id="ly-tl-interval" className={SELECT_CLASS} value={interval} onChange={(e) => changeInterval(e.target.value as Interval)}>
            <option value="day">{t("day")}</option>
            <option value="week">{t("week")}</option>
            <option value="month">{t("month")}</option>
          </select>
        </div>
        <div><Label htmlFor="ly-tl-from">{t("from")}</Label><Input id="ly-tl-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} /></div>
        <div><Label htmlFor="ly-tl-to">{t("until")}</Label><Input id="ly-tl-to" type="date" value={to} onChange={(e) => setTo(e.target.value)} /></div>
        <a className="text-ui-fg-interactive" href={csv}>{t("downloadCsv")}</a>
      </div>
      {query.isError && <Text className="text-ui-fg-error" data-testid="loyalty-timeline-error">{errorText(query.error)}</Text>}
      <ChartFrame data-testid="loyalty-timeline-chart" height={280} data={data} xKey="start" series={TIMELINE_BARS.map((b) => ({ ...b, name: t(b.name) }))} />
      {query.data && (
        <Text className="text-ui-fg-subtle" data-testid="loyalty-timeline-totals">
          {t("totals", {
            issued: query.data.totals.issued,
            redeemed: query.data.totals.redeemed,
            expired: query.data.totals.expired,
            taken: query.data.totals.taken_back,
            tz: query.data.time_zone,
          })}
        </Text>
      )}
    </div>
  )
}

/** The analysis charts: segments and the points timeline. */
export const AnalysisSection = () => {
  const t = useT(messages)
  return (
    <Container className="mb-4">
      <Heading level="h2">{t("analysis")}</Heading>
      <SegmentsChart />
      <TimelineChart />
    </Container>
  )
}
