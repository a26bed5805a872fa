import { describe, expect, it } from "vitest"

import { overlaps, render } from "../../src/plugins/ledger/src/services/code-range"
import {
  CODE_ALPHABET,
  crockfordVariant,
  formatCode,
  generateCode,
  hasValidCheck,
  looksGenerated,
  normalizeCode,
  ownCodeProblem,
} from "../../src/plugins/ledger/src/utils/codes"

const SAMPLES = 300

describe("generated codes", () => {
  it("are 16 symbols of the 31-symbol alphabet, printed in four groups of four", () => {
    for (let i = 0; i < SAMPLES; i++) {
      const code = generateCode()
      expect(code).toMatch(new RegExp(`^[${CODE_ALPHABET}]{16}$`))
      expect(formatCode(code)).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/)
      expect(hasValidCheck(code)).toBe(true)
    }
  })

  it("carry at least 60 random bits and do not repeat", () => {
    expect(15 * Math.log2(CODE_ALPHABET.length)).toBeGreaterThanOrEqual(60)
    const codes = new Set(Array.from({ length: 10_000 }, generateCode))
    expect(codes.size).toBe(10_000)
  })

  it("use every symbol of the alphabet in every random position", () => {
    const seen = Array.from({ length: 15 }, () => new Set<string>())
    for (let i = 0; i < 3000; i++) {
      const code = generateCode()
      for (let p = 0; p < 15; p++) seen[p].add(code[p])
    }
    expect(seen.map((s) => s.size)).toEqual(Array(15).fill(CODE_ALPHABET.length))
  })

  it("detect every single mistyped symbol", () => {
    for (let i = 0; i < SAMPLES; i++) {
      const code = generateCode()
      for (let p = 0; p < code.length; p++) {
        for (const symbol of CODE_ALPHABET) {
          if (symbol !== code[p]) {
            const typo = code.slice(0, p) + symbol + code.slice(p + 1)
            expect(hasValidCheck(typo), `${code} → ${typo}`).toBe(false)
          }
        }
      }
    }
  })

  it("detect every swap of two neighbouring symbols", () => {
    for (let i = 0; i < SAMPLES; i++) {
      const code = generateCode()
      for (let p = 0; p < code.length - 1; p++) {
        if (code[p] !== code[p + 1]) {
          const swapped = code.slice(0, p) + code[p + 1] + code[p] + code.slice(p + 2)
          expect(hasValidCheck(swapped), `${code} → ${swapped}`).toBe(false)
        }
      }
    }
  })
})

describe("normalizing what a till scanned or typed", () => {
  it("ignores case, spaces and dashes", () => {
    expect(normalizeCode(" 7kq2-m9xa 4f0c\t-tr8w ")).toBe("7KQ2M9XA4F0CTR8W")
  })

  it("reads O as zero and I or L as one, as in Crockford's base 32", () => {
    expect(crockfordVariant("7KQ2M9XAOFICTL8W")).toBe("7KQ2M9XA0F1CT18W")
  })

  it("treats 16-digit numbers as someone else's barcodes, not as mistyped codes", () => {
    expect(looksGenerated("4006381333931000")).toBe(false)
    expect(looksGenerated(generateCode())).toBe(true)
  })
})

describe("merchant number ranges", () => {
  const range = (prefix: string, start: number, end: number) => ({ prefix, start, end, width: String(end).length })

  it("renders numbers zero-padded to the width of the range's end", () => {
    expect(render(range("GS", 1, 5000), 42)).toBe("GS0042")
  })

  it("finds ranges that would print the same code", () => {
    expect(overlaps(range("GS", 1, 500), range("GS", 400, 900))).toBe(true)
    expect(overlaps(range("GS", 1, 500), range("GS", 501, 900))).toBe(false)
    // "GS1" + 000..999 prints GS1000..GS1999, which "GS" + 1000..1999 prints too.
    expect(overlaps(range("GS1", 0, 999), range("GS", 1000, 1999))).toBe(true)
    expect(overlaps(range("GS1", 0, 999), range("GS", 2000, 2999))).toBe(false)
    expect(overlaps(range("GS", 1, 500), range("GX", 1, 500))).toBe(false)
    // Different lengths never print the same code.
    expect(overlaps(range("GS", 1, 500), range("GS", 1000, 5000))).toBe(false)
  })
})

describe("merchants' own numbers", () => {
  it("accept numbers of the generated shape whatever their check character", () => {
    const code = generateCode()
    const wrong = code.slice(0, 15) + (code[15] === "0" ? "1" : "0")
    expect(hasValidCheck(wrong)).toBe(false)
    for (const own of [wrong, "ABCD1234EFGH5678", "OWN1796111103626", "abcd-1234 efgh-5678"]) {
      expect(ownCodeProblem(own, "gift_card"), own).toBeNull()
      expect(ownCodeProblem(own, "prepaid_card"), own).toBeNull()
      expect(ownCodeProblem(own, "customer_card"), own).toBeNull()
    }
  })

  it("need 8 characters on a value card and 4 on a customer card, not counting spaces and dashes", () => {
    expect(ownCodeProblem("AB12CD34", "gift_card")).toBeNull()
    expect(ownCodeProblem("AB12-CD3", "gift_card")).toMatch(/8 to 64/)
    expect(ownCodeProblem("AB12CD3", "prepaid_card")).toMatch(/8 to 64/)
    expect(ownCodeProblem("AB12", "customer_card")).toBeNull()
    expect(ownCodeProblem("A-B-1", "customer_card")).toMatch(/4 to 64/)
    expect(ownCodeProblem("04:A2:3B:9C", "prepaid_card")).toBeNull()
  })

  it("refuse more than 64 characters and control characters", () => {
    expect(ownCodeProblem("A".repeat(64), "gift_card")).toBeNull()
    expect(ownCodeProblem("A".repeat(65), "gift_card")).toMatch(/8 to 64/)
    expect(ownCodeProblem("ABCD\u0000EFGH", "gift_card")).toMatch(/control/)
  })
})
