/** Types and small helpers shared by the loyalty page and the customer widget. */
import { useMedusa } from "medusa-react"
import { useState } from "react"

import { errorText } from "@customer-modules/admin-kit"

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

export const fullName = (c: { first_name: string | null; last_name: string | null }) => [c.first_name, c.last_name].filter(Boolean).join(" ")

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
 * One admin POST at a time and what a form shows of it (a form's state over the kit's error text;
 * money moves go through the kit's `useAdminPost`): busy, the confirmation,
 * the refusal as text. `post` resolves to the answer, or null when refused;
 * `refuse` shows a refusal the form found itself.
 */
export function useFormPost() {
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
