/** Admin POSTs with an Idempotency-Key per user action. */
import { useMedusa } from "medusa-react"
import { useCallback, useRef, useState } from "react"

import { errorStatus } from "./errors"

/** A fresh key for one intended change (≤ 200 characters, as the server takes it). */
export function newIdempotencyKey(): string {
  const uuid = globalThis.crypto?.randomUUID?.()
  return uuid ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${Math.random().toString(36).slice(2)}`
}

export type AdminPostOptions<R> = {
  onSuccess?: (answer: R) => void
  onError?: (error: unknown) => void
}

export type AdminPost<B, R> = {
  /** Sends `body`; resolves to the answer, or null when the call failed (see `error`). */
  mutate: (body: B, options?: AdminPostOptions<R>) => Promise<R | null>
  /** Forgets the last answer or error (the key of an unanswered attempt is kept). */
  reset: () => void
  isLoading: boolean
  isError: boolean
  isSuccess: boolean
  error: unknown
  data: R | null
}

/**
 * `POST /admin{path}` with an `Idempotency-Key`. The key belongs to one intended
 * submission: the same body sent again while the first is on its way (a double
 * click) or after it got no answer (a lost connection, a 5xx) carries the same key,
 * so the server books it once. Once the server has answered (yes or no), or when
 * the body changes, the next submission gets a new key.
 */
export function useAdminPost<B extends object = Record<string, unknown>, R = unknown>(path: string): AdminPost<B, R> {
  const { client } = useMedusa()
  const pending = useRef<{ body: string; key: string } | null>(null)
  const [state, setState] = useState<{ isLoading: boolean; error: unknown; data: R | null }>({ isLoading: false, error: null, data: null })
  const mutate = useCallback(
    async (body: B, options: AdminPostOptions<R> = {}): Promise<R | null> => {
      const intent = `${path} ${JSON.stringify(body)}`
      if (!pending.current || pending.current.body !== intent) {
        pending.current = { body: intent, key: newIdempotencyKey() }
      }
      const key = pending.current.key
      setState({ isLoading: true, error: null, data: null })
      try {
        const answer = (await client.admin.custom.post(path, body, {}, { "Idempotency-Key": key })) as R
        if (pending.current?.key === key) pending.current = null
        setState({ isLoading: false, error: null, data: answer })
        options.onSuccess?.(answer)
        return answer
      } catch (error) {
        const status = errorStatus(error)
        // A refusal is an answer: trying again is a new request. Without an answer the retry keeps the key.
        if (status !== undefined && status < 500 && pending.current?.key === key) pending.current = null
        setState({ isLoading: false, error, data: null })
        options.onError?.(error)
        return null
      }
    },
    [client, path]
  )
  const reset = useCallback(() => setState({ isLoading: false, error: null, data: null }), [])
  return { ...state, isError: state.error !== null, isSuccess: state.data !== null, mutate, reset }
}
