/**
 * The tablet's outbox in IndexedDB: every response and check is written here
 * first (with its client id), then sent; it leaves the outbox only when the
 * server has answered it. A resend carries the same client id and
 * Idempotency-Key, so the server stores it once however often it arrives.
 */

export type OutboxItem = {
  client_id: string
  path: string
  body: unknown
  headers: Record<string, string>
  created_at: number
  attempts: number
}

const DB_NAME = "cm-feedback"
const STORE = "outbox"

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1)
    req.onupgradeneeded = () => {
      req.result.createObjectStore(STORE, { keyPath: "client_id" })
    }
    req.onsuccess = () => resolve(req.result)
    req.onerror = () => reject(req.error)
  })
}

function tx<T>(mode: IDBTransactionMode, run: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  return open().then(
    (db) =>
      new Promise<T>((resolve, reject) => {
        const t = db.transaction(STORE, mode)
        const req = run(t.objectStore(STORE))
        t.oncomplete = () => {
          db.close()
          resolve(req.result)
        }
        t.onerror = () => {
          db.close()
          reject(t.error)
        }
      })
  )
}

export function put(item: OutboxItem): Promise<unknown> {
  return tx("readwrite", (s) => s.put(item))
}

export function remove(clientId: string): Promise<unknown> {
  return tx("readwrite", (s) => s.delete(clientId))
}

export async function all(): Promise<OutboxItem[]> {
  const items = (await tx("readonly", (s) => s.getAll())) as OutboxItem[]
  return items.sort((a, b) => a.created_at - b.created_at)
}

export type SendResult = "sent" | "refused" | "later"

/**
 * Sends what waits, oldest first. A 2xx or a final 4xx (the server refuses
 * it for good) takes it out; a network error, 408, 429 or 5xx stops the round
 * and leaves it for the next one.
 */
export async function flush(baseUrl: string, key: string, onResult?: (item: OutboxItem, result: SendResult, status: number) => void): Promise<number> {
  let left = 0
  const items = await all()
  for (let i = 0; i < items.length; i++) {
    const item = items[i]
    let status = 0
    let type = ""
    try {
      const res = await fetch(`${baseUrl}${item.path}`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          authorization: `Bearer ${key}`,
          "idempotency-key": item.client_id,
          ...item.headers,
        },
        body: JSON.stringify(item.body),
      })
      status = res.status
      if (status === 401) {
        type = ((await res.json().catch(() => ({}))) as { type?: string }).type ?? ""
      }
    } catch {
      status = 0
    }
    if (status >= 200 && status < 300) {
      await remove(item.client_id)
      onResult?.(item, "sent", status)
    } else if (status >= 400 && status < 500 && status !== 408 && status !== 429 && (status !== 401 || type === "unknown_staff_card")) {
      await remove(item.client_id)
      onResult?.(item, "refused", status)
    } else {
      await put({ ...item, attempts: item.attempts + 1 })
      onResult?.(item, "later", status)
      left = items.length - i
      break
    }
  }
  return left
}
