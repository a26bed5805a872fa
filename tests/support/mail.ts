/**
 * Reading what the test SMTP sink received, from any test file:
 * `waitForMail(m => m.to === "…", 15_000)`. The sink runs in the global setup;
 * its directory and control URL come through vitest's `inject`.
 */
import fs from "fs"
import path from "path"

import { simpleParser } from "mailparser"
import type { ParsedMail } from "mailparser"
import { inject } from "vitest"

export type ReceivedMail = {
  file: string
  /** Envelope recipients as the SMTP server saw them. */
  envelopeTo: string[]
  to: string
  subject: string
  text: string
  html: string
  messageId: string | undefined
  attachments: ParsedMail["attachments"]
  parsed: ParsedMail
}

const cache = new Map<string, ReceivedMail>()

/** Every mail the sink has received so far, oldest first. */
export async function receivedMails(): Promise<ReceivedMail[]> {
  const dir = inject("mailSinkDir")
  const files = fs.readdirSync(dir).filter((f) => f.endsWith(".eml")).sort()
  const out: ReceivedMail[] = []
  for (const file of files) {
    let mail = cache.get(file)
    if (!mail) {
      const raw = fs.readFileSync(path.join(dir, file))
      const parsed = await simpleParser(raw)
      const envelope = JSON.parse(String(parsed.headers.get("x-sink-envelope") ?? "{}")) as { to?: string[] }
      mail = {
        file,
        envelopeTo: envelope.to ?? [],
        to: Array.isArray(parsed.to) ? parsed.to.map((a) => a.text).join(", ") : (parsed.to?.text ?? ""),
        subject: parsed.subject ?? "",
        text: parsed.text ?? "",
        html: typeof parsed.html === "string" ? parsed.html : "",
        messageId: parsed.messageId,
        attachments: parsed.attachments,
        parsed,
      }
      cache.set(file, mail)
    }
    out.push(mail)
  }
  return out
}

/** Resolves with the first received mail matching `predicate`; rejects after `timeout_ms`. */
export async function waitForMail(predicate: (m: ReceivedMail) => boolean, timeout_ms = 15_000): Promise<ReceivedMail> {
  const deadline = Date.now() + timeout_ms
  for (;;) {
    const found = (await receivedMails()).find(predicate)
    if (found) {
      return found
    }
    if (Date.now() > deadline) {
      throw new Error(`no matching mail arrived within ${timeout_ms} ms`)
    }
    await new Promise((r) => setTimeout(r, 100))
  }
}

/** Mails to one envelope recipient. */
export async function mailsTo(address: string): Promise<ReceivedMail[]> {
  return (await receivedMails()).filter((m) => m.envelopeTo.includes(address))
}

/**
 * How the sink answers mail for `address` from now on: `accept`, `tempfail`
 * (451 at RCPT TO: the server is "down" for it) or `reject` (550).
 */
export async function setRecipientMode(address: string, mode: "accept" | "tempfail" | "reject"): Promise<void> {
  const res = await fetch(inject("mailSinkControlUrl"), { method: "POST", body: JSON.stringify({ address, mode }) })
  if (res.status !== 204) {
    throw new Error(`sink control answered ${res.status}`)
  }
}

/** A recipient address of its own for one test. */
export function uniqueAddress(tag: string): string {
  return `${tag}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.test`
}
