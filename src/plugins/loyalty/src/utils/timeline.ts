export type TimelineInterval = "day" | "week" | "month"

/** Days a points timeline covers up to its end when no start is given: 30 days, 12 weeks, 12 months (server and admin page). */
export const TIMELINE_SPAN_DAYS: Record<TimelineInterval, number> = { day: 30, week: 84, month: 365 }
