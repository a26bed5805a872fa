/**
 * core's csvOf, the one CSV writer of every export: RFC 4180 quoting, CRLF line
 * ends, a header row from the columns, and the injection guard on text cells
 * (plain numbers written as text are numbers to a spreadsheet and stay as they are).
 */
import { describe, expect, it } from "vitest"

import { csvOf } from "../../src/plugins/core/src/utils/csv"

describe("csvOf", () => {
  it("writes a header and CRLF-terminated records with RFC 4180 quoting", () => {
    expect(csvOf([["Müller, Anna", 'say "hi"', 12]], ["name", "note", "amount_minor"])).toBe(
      'name,note,amount_minor\r\n"Müller, Anna","say ""hi""",12\r\n'
    )
  })

  it("puts an apostrophe before a text cell a spreadsheet would run as a formula, in any column", () => {
    const csv = csvOf([["=HYPERLINK(\"http://evil\")", "+1+1", "-2+3", "@SUM(A1)", "\tx", "plain"]])
    expect(csv).toBe(`"'=HYPERLINK(""http://evil"")",'+1+1,'-2+3,'@SUM(A1),'\tx,plain\r\n`)
  })

  it("leaves numbers alone, also when written as text (signed amounts, decimals)", () => {
    expect(csvOf([[-500, "-12.50", "7", "0.5", true, null, ""]])).toBe("-500,-12.50,7,0.5,1,,\r\n")
  })
})
