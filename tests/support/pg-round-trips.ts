/**
 * A loopback TCP proxy in front of PostgreSQL that counts the server's round
 * trips: every simple Query message ('Q') and every Sync ('S', the end of an
 * extended-protocol query: Parse/Bind/Execute/Sync) is one wait for the
 * database. Point a server's DATABASE_URL at `url(database)`.
 */
import net from "net"

const SSL_REQUEST = 80877103
const GSSENC_REQUEST = 80877104

export type RoundTripCounter = {
  /** A connection string to `database` through the proxy. */
  url(database: string): string
  /** Round trips since the start (or the last reset). */
  count(): number
  reset(): void
  close(): Promise<void>
}

export async function startRoundTripCounter(upstream = { host: "127.0.0.1", port: 5432 }): Promise<RoundTripCounter> {
  let trips = 0
  const sockets = new Set<net.Socket>()
  const server = net.createServer((client) => {
    const db = net.connect(upstream.port, upstream.host)
    sockets.add(client).add(db)
    let buffer = Buffer.alloc(0)
    let startup = true
    client.on("data", (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk])
      for (;;) {
        if (startup) {
          // Untyped: length, then protocol version or a request code.
          if (buffer.length < 8) break
          const length = buffer.readInt32BE(0)
          if (buffer.length < length) break
          const code = buffer.readInt32BE(4)
          startup = code === SSL_REQUEST || code === GSSENC_REQUEST
          buffer = buffer.subarray(length)
          continue
        }
        if (buffer.length < 5) break
        const length = buffer.readInt32BE(1)
        if (buffer.length < 1 + length) break
        const type = String.fromCharCode(buffer[0])
        if (type === "Q" || type === "S") trips++
        buffer = buffer.subarray(1 + length)
      }
      db.write(chunk)
    })
    db.on("data", (chunk) => client.write(chunk))
    const end = () => {
      client.destroy()
      db.destroy()
      sockets.delete(client)
      sockets.delete(db)
    }
    client.on("close", end).on("error", end)
    db.on("close", end).on("error", end)
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.address() as net.AddressInfo
  return {
    url: (database) => `postgres://postgres@127.0.0.1:${port}/${database}`,
    count: () => trips,
    reset: () => {
      trips = 0
    },
    close: async () => {
      for (const s of sockets) s.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
