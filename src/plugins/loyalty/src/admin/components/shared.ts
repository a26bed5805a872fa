/** Types and small helpers shared by the loyalty page and the customer widget. */
import { useMedusa } from "medusa-react"
import { useState } from "react"

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

/** The look of a native select beside Medusa's inputs. */
export const SELECT_CLASS = "bg-ui-bg-field border-ui-border-base block rounded-md border p-2"

type PostOptions<T> = {
  headers?: Record<string, string>
  /** The confirmation to show for the server's answer. */
  done?: (answer: T) => string
  /** The refusal to show, when the server's own message is not enough. */
  failed?: (error: unknown) => string
}

/**
 * One admin POST at a time and what a form shows of it: busy, the confirmation,
 * the refusal as text. `post` resolves to the answer, or null when refused;
 * `refuse` shows a refusal the form found itself.
 */
export function useAdminPost() {
  const { client } = useMedusa()
  const [state, setState] = useState<{ loading: boolean; error: string | null; done: string | null }>({ loading: false, error: null, done: null })
  async function post<T>(path: string, body: object, options: PostOptions<T> = {}): Promise<T | null> {
    setState({ loading: true, error: null, done: null })
    try {
      const answer = (await client.admin.custom.post(path, body, {}, options.headers)) as T
      setState({ loading: false, error: null, done: options.done?.(answer) ?? null })
      return answer
    } catch (error) {
      setState({ loading: false, error: (options.failed ?? errorText)(error), done: null })
      return null
    }
  }
  const refuse = (error: string) => setState({ loading: false, error, done: null })
  return { ...state, post, refuse }
}
