/** Rejects when `promise` has not settled within `timeout_ms`. */
export function withTimeout<T>(promise: Promise<T>, timeout_ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeout_ms} ms`)), timeout_ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}
