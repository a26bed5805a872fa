/** Types and small helpers shared by the loyalty page and the customer widget. */
import type { LoyaltyReward } from "../../types"
import type { LoyaltySettings } from "../../validators"

/** The programme settings as the page edits them (per-location rates are set through the API). */
export type Settings = Omit<LoyaltySettings, "location_rates">

/** Extra points in a time window (multiplier in percent: 200 = double points). */
export type Campaign = LoyaltySettings["campaigns"][number]

/** A reward as the admin API returns it. */
export type Reward = Omit<LoyaltyReward, "created_at" | "updated_at">

export type PointsTransaction = {
  id: string
  type: string
  amount: number
  balance_after: number
  reference: string | null
  created_at: string
}

type ApiError = { response?: { status?: number; data?: { type?: string; message?: string } }; message?: string }

/** The server's `{ type, message }` (or the network error) as one line. */
export const errorText = (e: unknown): string => {
  const err = e as ApiError
  const data = err?.response?.data
  if (data?.message) {
    return data.type ? `${data.message} (${data.type})` : data.message
  }
  return err?.message ?? String(e)
}

/** HTTP status of a failed admin call, if the server answered. */
export const errorStatus = (e: unknown): number | undefined => (e as ApiError)?.response?.status

export const fullName = (c: { first_name: string | null; last_name: string | null }) => [c.first_name, c.last_name].filter(Boolean).join(" ")

/** Minor units as a decimal amount with two places (display only). */
export const formatMinor = (minor: number, currency?: string | null) => `${(minor / 100).toFixed(2)}${currency ? ` ${currency.toUpperCase()}` : ""}`

/** "12.50" or "12,50" → 1250 minor units; null when it is not an amount. */
export const parseMinor = (text: string): number | null => {
  const t = text.trim().replace(",", ".")
  if (!/^\d+(\.\d{1,2})?$/.test(t)) return null
  const [whole, frac = ""] = t.split(".")
  return Number(whole) * 100 + Number(frac.padEnd(2, "0"))
}

/** A fresh Idempotency-Key for one intended change (kept while the form is unchanged, so a double click books once). */
export const newKey = (): string => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`

/** Local date (YYYY-MM-DD) of an instant in the browser's time zone, for date inputs. */
export const dateInput = (d: Date): string => {
  const pad = (n: number) => String(n).padStart(2, "0")
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}
