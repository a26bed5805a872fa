import fs from "fs/promises"
import path from "path"

import nodemailer from "nodemailer"
import type { Transporter } from "nodemailer"
import MailComposer from "nodemailer/lib/mail-composer"

export type ComposeInput = {
  from: string
  to: string
  replyTo?: string | null
  subject: string
  html: string
  text: string
  messageId: string
  attachments: { filename: string; content: Buffer; contentType: string }[]
  /** Marketing mails: List-Unsubscribe with one-click POST (RFC 8058), so mail programs offer it too. */
  unsubscribeUrl?: string
}

const SMTP_CONNECTIONS = 8
const SMTP_MESSAGES_PER_CONNECTION = 1_000

/**
 * Builds a MIME message once and delivers it: over SMTP (pooled) when an SMTP
 * URL is configured, otherwise only the `.eml` file is written. Every mail is
 * kept as `.eml` under `<DATA_DIR>/mail` so the admin can show what was sent.
 */
export class Mailer {
  readonly mode: "smtp" | "file"
  protected readonly transport_: Transporter | null

  constructor(smtpUrl: string | undefined, protected readonly dir_: string) {
    this.mode = smtpUrl ? "smtp" : "file"
    this.transport_ = smtpUrl
      ? nodemailer.createTransport({
          url: smtpUrl,
          // Pooled: connections stay open and carry many messages (a new TLS handshake per mail caps throughput).
          pool: true,
          maxConnections: SMTP_CONNECTIONS,
          maxMessages: SMTP_MESSAGES_PER_CONNECTION,
          connectionTimeout: 10_000,
          greetingTimeout: 10_000,
          socketTimeout: 30_000,
        } as Parameters<typeof nodemailer.createTransport>[0])
      : null
  }

  async compose(input: ComposeInput): Promise<Buffer> {
    const composer = new MailComposer({
      from: input.from,
      to: input.to,
      replyTo: input.replyTo ?? undefined,
      subject: input.subject,
      html: input.html,
      text: input.text,
      messageId: input.messageId,
      attachments: input.attachments,
      ...(input.unsubscribeUrl
        ? { headers: { "List-Unsubscribe": `<${input.unsubscribeUrl}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" } }
        : {}),
    })
    return composer.compile().build()
  }

  /** Writes `<dir>/<name>.eml`; returns the path relative to the data directory's parent. */
  async store(name: string, raw: Buffer): Promise<string> {
    await fs.mkdir(this.dir_, { recursive: true })
    const file = path.join(this.dir_, `${name}.eml`)
    await fs.writeFile(file, raw)
    return file
  }

  async read(file: string): Promise<Buffer> {
    return fs.readFile(file)
  }

  /** Sends over SMTP; a no-op in file mode. Rejects with nodemailer's error (its `responseCode` tells permanent from temporary). */
  async deliver(raw: Buffer, envelope: { from: string; to: string }): Promise<string | null> {
    if (!this.transport_) {
      return null
    }
    const info = await this.transport_.sendMail({ envelope: { from: envelope.from, to: [envelope.to] }, raw })
    return String(info.response ?? "")
  }

  close(): void {
    this.transport_?.close()
  }
}

/** A 5xx SMTP answer (mailbox unknown, message refused) will not change by retrying. */
export function isPermanentSmtpError(e: unknown): boolean {
  const code = (e as { responseCode?: number } | undefined)?.responseCode
  return typeof code === "number" && code >= 500 && code < 600
}

/** The bare address of `"Name" <a@b>` (for the SMTP envelope). */
export function addressOf(from: string): string {
  const m = /<([^>]+)>\s*$/.exec(from)
  return (m ? m[1] : from).trim()
}
