/**
 * A real SMTP server for the tests (the `smtp-server` package): every message
 * it accepts is written as an `.eml` file into its directory, where any test
 * worker reads it (tests/support/mail.ts). A small HTTP control endpoint sets a
 * recipient's mode: `accept`, `tempfail` (451, as a server that is down for a
 * while) or `reject` (550, a permanent refusal).
 */
import fs from "fs"
import http from "http"
import net from "net"
import path from "path"

import { SMTPServer } from "smtp-server"

export type RecipientMode = "accept" | "tempfail" | "reject"

export type SmtpSink = {
  port: number
  dir: string
  controlUrl: string
  close(): Promise<void>
}

export async function startSmtpSink(dir: string): Promise<SmtpSink> {
  fs.mkdirSync(dir, { recursive: true })
  const modes = new Map<string, RecipientMode>()
  let seq = 0

  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    logger: false,
    size: 20 * 1024 * 1024,
    onRcptTo(address, _session, callback) {
      const mode = modes.get(address.address.toLowerCase()) ?? "accept"
      if (mode === "accept") {
        callback()
        return
      }
      const err = new Error(mode === "tempfail" ? "Service temporarily unavailable, try again later" : "Mailbox unavailable") as Error & { responseCode: number }
      err.responseCode = mode === "tempfail" ? 451 : 550
      callback(err)
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on("data", (c: Buffer) => chunks.push(c))
      stream.on("end", () => {
        const name = `${Date.now()}-${process.pid}-${++seq}`
        const envelope = JSON.stringify({ from: session.envelope.mailFrom && session.envelope.mailFrom.address, to: session.envelope.rcptTo.map((r) => r.address) })
        const tmp = path.join(dir, `${name}.tmp`)
        // The envelope travels in a header line of our own ahead of the message.
        fs.writeFileSync(tmp, Buffer.concat([Buffer.from(`X-Sink-Envelope: ${envelope}\r\n`), ...chunks]))
        fs.renameSync(tmp, path.join(dir, `${name}.eml`))
        callback()
      })
    },
  })
  const port = await listen(smtp.server as net.Server)

  const control = http.createServer((req, res) => {
    let body = ""
    req.on("data", (c: Buffer) => (body += c.toString()))
    req.on("end", () => {
      try {
        const { address, mode } = JSON.parse(body) as { address: string; mode: RecipientMode }
        modes.set(address.toLowerCase(), mode)
        res.writeHead(204).end()
      } catch (e) {
        res.writeHead(400).end(String(e))
      }
    })
  })
  const controlPort = await listen(control)

  return {
    port,
    dir,
    controlUrl: `http://127.0.0.1:${controlPort}`,
    close: async () => {
      await new Promise<void>((resolve) => smtp.close(() => resolve()))
      await new Promise<void>((resolve) => control.close(() => resolve()))
    },
  }
}

function listen(server: net.Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => resolve((server.address() as net.AddressInfo).port))
  })
}
