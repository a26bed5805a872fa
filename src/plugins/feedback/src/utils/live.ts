import type { EntityManager } from "typeorm"

/** The PostgreSQL channel responses and checks are announced on (pg_notify inside their transaction, so only committed ones arrive). */
export const NOTIFY_CHANNEL = "feedback_live"

export type LiveEvent = {
  kind: "response" | "check"
  id: string
  questionnaire_id?: string
  checklist_id?: string
  terminal_id: string
  location_id: string
  received_at: string
  [key: string]: unknown
}

type Listener = (event: LiveEvent) => void

type PgClient = {
  query(sql: string): Promise<unknown>
  on(event: "notification", cb: (msg: { channel: string; payload?: string }) => void): void
  on(event: "error", cb: (e: Error) => void): void
  release(err?: Error | boolean): void
}

/**
 * One LISTEN connection per server process, shared by every open live stream.
 * PostgreSQL delivers a notification to every instance that listens, so the
 * admin's stream sees responses taken by any instance behind the load balancer.
 */
class Live {
  protected listeners = new Set<Listener>()
  protected client: PgClient | null = null
  protected connecting: Promise<void> | null = null

  constructor(protected readonly manager: EntityManager) {}

  /** Adds a listener (connecting when it is the first); resolves once LISTEN is active. Returns the unsubscribe. */
  async subscribe(listener: Listener): Promise<() => void> {
    this.listeners.add(listener)
    await this.connect_()
    return () => {
      this.listeners.delete(listener)
      if (!this.listeners.size) {
        this.close_()
      }
    }
  }

  protected async connect_(): Promise<void> {
    if (this.client) {
      return
    }
    this.connecting ??= (async () => {
      const pool = (this.manager.connection.driver as unknown as { master: { connect(): Promise<PgClient> } }).master
      const client = await pool.connect()
      client.on("notification", (msg) => {
        if (msg.channel !== NOTIFY_CHANNEL || !msg.payload) {
          return
        }
        let event: LiveEvent
        try {
          event = JSON.parse(msg.payload) as LiveEvent
        } catch {
          return
        }
        for (const l of this.listeners) {
          l(event)
        }
      })
      client.on("error", () => {
        // The connection broke: drop it; the next subscriber (or the retry below) opens a new one.
        if (this.client === client) {
          this.client = null
          client.release(true)
          if (this.listeners.size) {
            setTimeout(() => void this.connect_().catch(() => undefined), 1000).unref()
          }
        }
      })
      await client.query(`LISTEN ${NOTIFY_CHANNEL}`)
      this.client = client
    })().finally(() => {
      this.connecting = null
    })
    await this.connecting
  }

  protected close_(): void {
    const client = this.client
    this.client = null
    if (client) {
      client
        .query(`UNLISTEN ${NOTIFY_CHANNEL}`)
        .then(() => client.release())
        .catch(() => client.release(true))
    }
  }
}

let live: Live | null = null

/** The process's live feed of responses and checks. */
export function liveFeed(manager: EntityManager): Live {
  live ??= new Live(manager)
  return live
}
