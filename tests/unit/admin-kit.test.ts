/**
 * The admin kit's pure parts: amounts typed in currency units become integer minor
 * units (and garbage is refused), money reads as the locale writes it, error text
 * carries the API's type, and every admin page has each text in de, en and pt.
 */
import fs from "fs"
import path from "path"

import { describe, expect, it } from "vitest"

import { errorText, errorType } from "../../src/admin-kit/src/errors"
import { interpolate, missingTranslations, toAdminLocale, translate } from "../../src/admin-kit/src/locale"
import type { Messages } from "../../src/admin-kit/src/locale"
import { kitMessages, transactionTypeMessages } from "../../src/admin-kit/src/messages"
import { formatAmountInput, formatMoney, minorDigits, parseAmount } from "../../src/admin-kit/src/money"

describe("parseAmount", () => {
  it("reads a comma or a point as the decimal mark", () => {
    expect(parseAmount("12,50", "eur")).toBe(1250)
    expect(parseAmount("12.50", "eur")).toBe(1250)
    expect(parseAmount("12.5", "EUR")).toBe(1250)
    expect(parseAmount(" 12 ", "eur")).toBe(1200)
    expect(parseAmount("0,05", "eur")).toBe(5)
    expect(parseAmount("0", "eur")).toBe(0)
  })

  it("reads thousands grouped by points, commas, spaces or apostrophes", () => {
    expect(parseAmount("1.234,50", "eur")).toBe(123450)
    expect(parseAmount("1,234.50", "eur")).toBe(123450)
    expect(parseAmount("1 234,50", "eur")).toBe(123450)
    expect(parseAmount("1\u00a0234,50", "eur")).toBe(123450)
    expect(parseAmount("1'234.50", "chf")).toBe(123450)
    expect(parseAmount("1.234.567", "eur")).toBe(123456700)
  })

  it("uses the currency's minor digits", () => {
    expect(minorDigits("eur")).toBe(2)
    expect(minorDigits("JPY")).toBe(0)
    expect(minorDigits("kwd")).toBe(3)
    expect(parseAmount("1250", "jpy")).toBe(1250)
    expect(parseAmount("12,5", "jpy")).toBeNull()
    expect(parseAmount("1,250", "kwd")).toBe(1250)
  })

  it("refuses anything that is not exactly an amount", () => {
    for (const garbage of ["", " ", "abc", "12a", "12,50€", "1,2,3", "12.", ",5", "12,345", "1.2.3,4", "1.234.5", "12,50,00", "1 23", "--5", "1e3", "0x10", "Infinity", "NaN"]) {
      expect(parseAmount(garbage, "eur"), garbage).toBeNull()
    }
    expect(parseAmount("1234567890123", "eur")).toBeNull()
  })

  it("takes a minus only when asked", () => {
    expect(parseAmount("-2,50", "eur")).toBeNull()
    expect(parseAmount("-2,50", "eur", { negative: true })).toBe(-250)
    expect(parseAmount("-0", "eur", { negative: true })).toBe(0)
  })
})

describe("formatMoney", () => {
  it("writes the locale's number and the currency code", () => {
    expect(formatMoney(1250, "eur", "en")).toBe("12.50 EUR")
    expect(formatMoney(1250, "eur", "de")).toBe("12,50 EUR")
    expect(formatMoney(1250, "eur", "pt")).toBe("12,50 EUR")
    expect(formatMoney(123456, "eur", "de")).toBe("1.234,56 EUR")
    expect(formatMoney(123456, "eur", "en")).toBe("1,234.56 EUR")
    expect(formatMoney(-250, "eur", "en")).toBe("-2.50 EUR")
    expect(formatMoney(1250, "jpy", "en")).toBe("1,250 JPY")
    expect(formatMoney(5, "eur", "en")).toBe("0.05 EUR")
  })

  it("gives back in a field what parseAmount reads again", () => {
    for (const locale of ["de", "en", "pt"] as const) {
      for (const minor of [0, 5, 1250, 123456, 99999999]) {
        expect(parseAmount(formatAmountInput(minor, "eur", locale), "eur")).toBe(minor)
      }
    }
    expect(formatAmountInput(123456, "eur", "de")).toBe("1234,56")
  })
})

describe("language", () => {
  it("maps Medusa's language to a page language, English for the rest", () => {
    expect(toAdminLocale("de")).toBe("de")
    expect(toAdminLocale("de-AT")).toBe("de")
    expect(toAdminLocale("pt-BR")).toBe("pt")
    expect(toAdminLocale("fr")).toBe("en")
    expect(toAdminLocale(undefined)).toBe("en")
  })

  it("fills placeholders and falls back to English", () => {
    const m = { en: { hi: "Hi {name}", only: "English" }, de: { hi: "Hallo {name}" }, pt: { hi: "Olá {name}" } } as unknown as Messages<"hi" | "only">
    expect(translate(m, "de", "hi", { name: "Ana" })).toBe("Hallo Ana")
    expect(translate(m, "pt", "only")).toBe("English")
    expect(interpolate("{a} and {b}", { a: 1 })).toBe("1 and {b}")
    const cards = { en: { n: "{count} cards", n_one: "1 card" }, de: { n: "{count} Karten", n_one: "1 Karte" }, pt: { n: "{count} cartões", n_one: "1 cartão" } }
    expect(translate(cards, "de", "n", { count: 1 })).toBe("1 Karte")
    expect(translate(cards, "de", "n", { count: 3 })).toBe("3 Karten")
    expect(translate(cards, "en", "n", { count: 0 })).toBe("0 cards")
    expect(missingTranslations(m)).toEqual(["de: missing only", "pt: missing only"])
    expect(missingTranslations({ en: { x: "{n} cards" }, de: { x: "Karten" }, pt: { x: "{n} cartões" } })).toEqual(["de: placeholders of x differ from en"])
  })
})

describe("errorText", () => {
  it("shows the API's message with its type", () => {
    const e = { response: { status: 400, data: { type: "invalid_data", message: "amount must be positive" } }, message: "Request failed with status code 400" }
    expect(errorText(e)).toBe("amount must be positive (invalid_data)")
    expect(errorType(e)).toBe("invalid_data")
    expect(errorText({ message: "Network Error" })).toBe("Network Error")
    expect(errorText({ response: { status: 502, data: "Bad gateway" } })).toBe("Bad gateway")
    expect(errorText("refused")).toBe("refused")
  })
})

/** Every messages object of every admin page (files named messages.ts under src/plugins/x/src/admin). */
function adminMessageFiles(): string[] {
  const root = path.resolve(__dirname, "../../src/plugins")
  const found: string[] = []
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name)
      if (entry.isDirectory()) walk(full)
      else if (entry.name === "messages.ts") found.push(full)
    }
  }
  for (const plugin of fs.readdirSync(root)) {
    const admin = path.join(root, plugin, "src", "admin")
    if (fs.existsSync(admin)) walk(admin)
  }
  return found
}

describe("translations", () => {
  it("the kit has every text in de, en and pt", () => {
    expect(missingTranslations(kitMessages)).toEqual([])
    expect(missingTranslations(transactionTypeMessages)).toEqual([])
  })

  it("every admin page has every text in de, en and pt", async () => {
    const files = adminMessageFiles()
    expect(files.length).toBeGreaterThan(0)
    const problems: string[] = []
    for (const file of files) {
      const mod = (await import(file)) as Record<string, unknown>
      for (const [name, value] of Object.entries(mod)) {
        const m = value as Messages<string>
        if (m && typeof m === "object" && "en" in m && "de" in m && "pt" in m) {
          problems.push(...missingTranslations(m).map((p) => `${path.relative(process.cwd(), file)} ${name}: ${p}`))
        }
      }
    }
    expect(problems).toEqual([])
  })
})
