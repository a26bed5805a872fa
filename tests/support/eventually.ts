/** Polls until `read` returns a value `done` accepts, or the time is up (events are delivered after commit). */
export async function eventually<T>(read: () => Promise<T>, done: (v: T) => boolean, timeout_ms = 20_000): Promise<T> {
  const deadline = Date.now() + timeout_ms
  for (;;) {
    const value = await read()
    if (done(value) || Date.now() > deadline) {
      return value
    }
    await new Promise((r) => setTimeout(r, 200))
  }
}
