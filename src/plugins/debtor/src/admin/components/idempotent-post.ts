import { useMedusa } from "medusa-react"
import { useRef, useState } from "react"

type ApiError = { response?: { status?: number } }

const newKey = (): string => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`

/**
 * An admin POST to a money route (the server requires an `Idempotency-Key`).
 * The key belongs to one intended submission: the same body sent again while
 * the first is on its way (a double click) or after it got no answer (a lost
 * connection, a 5xx) carries the same key, so the server books it once. Once
 * the server has answered, or when the body changes, the next submission
 * gets a new key.
 */
export function useIdempotentPost<B extends object, R>(path: string) {
  const { client } = useMedusa()
  const pending = useRef<{ body: string; key: string } | null>(null)
  const [state, setState] = useState<{ isLoading: boolean; error: unknown; data: R | null }>({ isLoading: false, error: null, data: null })
  const mutate = async (body: B, options: { onSuccess?: (answer: R) => void; onError?: (error: unknown) => void } = {}): Promise<void> => {
    const json = `${path} ${JSON.stringify(body)}`
    if (!pending.current || pending.current.body !== json) {
      pending.current = { body: json, key: newKey() }
    }
    const key = pending.current.key
    setState({ isLoading: true, error: null, data: null })
    try {
      const answer = (await client.admin.custom.post(path, body, {}, { "Idempotency-Key": key })) as R
      if (pending.current?.key === key) {
        pending.current = null
      }
      setState({ isLoading: false, error: null, data: answer })
      options.onSuccess?.(answer)
    } catch (error) {
      const status = (error as ApiError)?.response?.status
      // A refusal is an answer: trying again is a new request. Without an answer the retry keeps the key.
      if (status !== undefined && status < 500 && pending.current?.key === key) {
        pending.current = null
      }
      setState({ isLoading: false, error, data: null })
      options.onError?.(error)
    }
  }
  return { ...state, isError: state.error !== null, isSuccess: state.data !== null, mutate }
}
