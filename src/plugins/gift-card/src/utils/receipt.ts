import ReceiptPrinterEncoder from "@point-of-sale/receipt-printer-encoder"

import { decimal } from "./liability"
import type { GiftCardView } from "../services/voucher"

export type ReceiptOptions = {
  /** Characters per line: 42 on 80 mm paper (Font A 48 on some printers), 32 on 58 mm. */
  columns: 32 | 42 | 48
  /** Printed above the voucher, e.g. the shop's name. */
  title?: string
  locale: ReceiptLocale
  /** The selling location's: decides the last valid day printed. */
  time_zone: string
}

export type ReceiptLocale = "de" | "en" | "pt"

const LABELS: Record<ReceiptLocale, { voucher: string; validUntil: string; dateLocale: string }> = {
  de: { voucher: "GUTSCHEIN", validUntil: "Gültig bis", dateLocale: "de-DE" },
  en: { voucher: "GIFT VOUCHER", validUntil: "Valid until", dateLocale: "en-GB" },
  pt: { voucher: "VALE-OFERTA", validUntil: "Válido até", dateLocale: "pt-PT" },
}

/**
 * The voucher as ESC/POS bytes for a receipt printer: amount, number in
 * groups of four, a QR code carrying the number (what the till scans back),
 * and the validity; ends with a partial cut.
 */
export function voucherReceipt(card: GiftCardView, opts: ReceiptOptions): Uint8Array {
  const labels = LABELS[opts.locale]
  const amount = `${decimal(card.balance, card.currency_code)} ${card.currency_code.toUpperCase()}`
  let encoder = new ReceiptPrinterEncoder({ language: "esc-pos", columns: opts.columns })
    .initialize()
    .codepage("auto")
    .align("center")
  if (opts.title) {
    encoder = encoder.bold(true).line(opts.title).bold(false)
  }
  encoder = encoder
    .size(2, 2)
    .line(labels.voucher)
    .line(amount)
    .size(1, 1)
    .newline()
    .qrcode(card.code, 2, 6, "m")
    .newline()
    .bold(true)
    .line(card.code)
    .bold(false)
  if (card.expires_at) {
    // expires_at is the first instant no longer valid: print the day before it.
    const lastDay = new Intl.DateTimeFormat(labels.dateLocale, { timeZone: opts.time_zone, dateStyle: "medium" }).format(
      new Date(card.expires_at.getTime() - 1)
    )
    encoder = encoder.line(`${labels.validUntil} ${lastDay}`)
  }
  return encoder.newline().cut("partial").encode()
}
