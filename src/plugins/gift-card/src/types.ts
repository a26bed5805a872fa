/**
 * The vouchers' and the voucher shop's data as the server answers it, shared by the server code
 * and the admin pages (types only, type-only imports: Medusa's admin bundler compiles this file too).
 */
import type { ValueCardView } from "@customer-modules/ledger"

/** A voucher with its balance and validity (`expires_at`: the first instant no longer valid). */
export type GiftCardView = ValueCardView & { expires_at: Date | null }

export type Locale = "de" | "en" | "pt"

/** What a buyer reads in the shop, per language. */
export type ShopTexts = Partial<Record<Locale, { title?: string; intro?: string; terms?: string }>>

export type ShopSettings = {
  enabled: boolean
  currency_code: string
  free_amount: boolean
  min_amount: number
  max_amount: number
  preset_amounts: number[]
  postal_enabled: boolean
  postal_fee: number
  /** Local hour (merchant's time zone) at which vouchers for a later day are sent. */
  send_hour: number
  top_up_min: number
  top_up_max: number
  texts: ShopTexts
  /** From the voucher settings: the validity buyers are told, and the merchant's time zone. */
  validity: string
  validity_count: number
  time_zone: string
  updated_at: Date
}

export type ShopDesign = { id: string; name: string; image: string; position: number; active: boolean }
export type ShopProduct = { id: string; title: Record<Locale, string>; amount: number; position: number; active: boolean }
