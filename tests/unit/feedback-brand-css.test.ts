/** The merchant's branding as the tablet's custom properties: colours as saved, a logo that cannot leave its CSS string. */
import { describe, expect, it } from "vitest"

import { brandCss } from "../../src/plugins/feedback/src/utils/tablet-css"

describe("brandCss", () => {
  it("sets --brand and --accent from the branding and no logo without one", () => {
    expect(brandCss({ primary_color: "#0f766e", secondary_color: "#F59E0B", logo: null })).toBe(":root { --brand: #0f766e; --accent: #F59E0B; --logo: none; }\n")
  })

  it("quotes a logo URL so quotes and backslashes cannot end the string", () => {
    const css = brandCss({ primary_color: "#111111", secondary_color: "#222222", logo: 'https://cdn.example.com/a"b\\c).png' })
    expect(css).toContain('--logo: url("https://cdn.example.com/a%22b%5Cc).png");')
    expect(css.match(/"/g)).toHaveLength(2)
  })

  it("falls back to the app's colours for a value that is not #rrggbb, and drops a logo with spaces", () => {
    const css = brandCss({ primary_color: "red; background: url(x)", secondary_color: "#12345", logo: "https://x.test/a b.png" })
    expect(css).toBe(":root { --brand: #1f6f5c; --accent: #f59e0b; --logo: none; }\n")
  })
})
