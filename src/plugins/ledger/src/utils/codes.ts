import { randomInt } from "crypto"

import type { CardKind } from "../types"

/**
 * Card and voucher codes.
 *
 * Generated codes use 31 symbols (Crockford's base 32 without Z): no I, L, O
 * or U to misread. 15 random symbols carry 15 × log2(31) ≈ 74 bits from the
 * CSPRNG; the 16th is a check symbol, a weighted sum modulo 31 (weights 1..15).
 * Because 31 is prime and every weight and every difference of weights is
 * below 31, the check catches every single mistyped symbol and every swap of
 * two neighbours. Printed in groups of four: 7KQ2-M9XA-4F0C-TR8W.
 */
export const CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXY"
const BASE = CODE_ALPHABET.length // 31, prime
export const RANDOM_SYMBOLS = 15
export const GENERATED_CODE_LENGTH = RANDOM_SYMBOLS + 1
const GENERATED = new RegExp(`^[${CODE_ALPHABET}]{${GENERATED_CODE_LENGTH}}$`)

/** Longest code or identifier accepted anywhere (printed number, barcode, QR payload, UID). */
export const MAX_CODE_LENGTH = 128

/**
 * A code as lookups match it: upper case, without whitespace and dashes.
 * `" 7kq2-m9xa 4f0c-tr8w "` → `"7KQ2M9XA4F0CTR8W"`.
 */
export function normalizeCode(code: string): string {
  return code.replace(/[\s-]+/g, "").toUpperCase()
}

/**
 * What a reader meant when a generated code was typed with letters that look
 * like digits (Crockford's rule): O → 0, I and L → 1. Only for lookups that
 * found nothing under the code as typed.
 */
export function crockfordVariant(normalized: string): string {
  return normalized.replace(/O/g, "0").replace(/[IL]/g, "1")
}

function checkSymbol(symbols: string): string {
  let sum = 0
  for (let i = 0; i < symbols.length; i++) {
    sum += CODE_ALPHABET.indexOf(symbols[i]) * (i + 1)
  }
  return CODE_ALPHABET[sum % BASE]
}

/** A fresh generated code, normalized (no dashes). */
export function generateCode(): string {
  let symbols = ""
  for (let i = 0; i < RANDOM_SYMBOLS; i++) {
    symbols += CODE_ALPHABET[randomInt(BASE)]
  }
  return symbols + checkSymbol(symbols)
}

/** A normalized code in groups of four, as printed: `7KQ2-M9XA-4F0C-TR8W`. */
export function formatCode(normalized: string): string {
  return normalized.match(/.{1,4}/g)?.join("-") ?? normalized
}

/**
 * True when the normalized code has the shape of a generated code: 16 symbols
 * of the alphabet, at least one a letter (16-digit barcodes are someone else's).
 */
export function looksGenerated(normalized: string): boolean {
  return GENERATED.test(normalized) && /[A-Z]/.test(normalized)
}

/** True when a generated-looking code's check symbol is right. */
export function hasValidCheck(normalized: string): boolean {
  return looksGenerated(normalized) && checkSymbol(normalized.slice(0, RANDOM_SYMBOLS)) === normalized[RANDOM_SYMBOLS]
}

/**
 * Shortest own number (the merchant's, typed or printed) per kind of card,
 * counted without spaces and dashes. A value card (gift voucher, prepaid card)
 * carries money, so its number must not be guessable in a few tries; a
 * customer card only finds the customer (points are spent at the till, with
 * the card in hand).
 */
export const OWN_CODE_MIN_LENGTH: Record<CardKind, number> = {
  gift_card: 8,
  prepaid_card: 8,
  customer_card: 4,
}
/** Longest own number, counted like the shortest. */
export const OWN_CODE_MAX_LENGTH = 64
const UNPRINTABLE = /\p{C}/u

/**
 * Why `code` cannot be a merchant's own number for a card of `kind`, or null
 * when it can. Any printable number of the kind's length is fine, the shape of
 * a generated code included: the check character only ever decides whether an
 * unknown code was mistyped, never whether a merchant may use a number.
 */
export function ownCodeProblem(code: string, kind: CardKind): string | null {
  const normalized = normalizeCode(code)
  const min = OWN_CODE_MIN_LENGTH[kind]
  if (UNPRINTABLE.test(normalized)) {
    return "an own number may hold letters, digits, spaces and dashes, but no control characters"
  }
  if (normalized.length < min || normalized.length > OWN_CODE_MAX_LENGTH) {
    return `an own number needs ${min} to ${OWN_CODE_MAX_LENGTH} characters besides spaces and dashes`
  }
  return null
}
