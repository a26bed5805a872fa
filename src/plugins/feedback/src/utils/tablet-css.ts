/** The tablet app's styles: full screen, large touch targets; the merchant's colours come as custom properties (brandCss). */
export const TABLET_CSS = `
:root { --brand: #1f6f5c; --accent: #f59e0b; --logo: none; --bg: #f6f4ef; --fg: #1d1d1b; --bad: #b3261e; font-family: system-ui, sans-serif; }
* { box-sizing: border-box; }
html, body { margin: 0; height: 100%; background: var(--bg); color: var(--fg); user-select: none; -webkit-user-select: none; touch-action: manipulation; }
#app { min-height: 100%; display: flex; flex-direction: column; padding: 2vh 3vw; }
main { flex: 1; display: flex; flex-direction: column; align-items: center; justify-content: center; gap: 3vh; text-align: center; }
h1 { font-size: clamp(1.6rem, 4.5vw, 3.2rem); margin: 0; }
button { font: inherit; font-size: clamp(1.1rem, 2.6vw, 2rem); min-height: 72px; min-width: 72px; padding: 0.6em 1.2em; border-radius: 18px; border: 2px solid var(--brand); background: #fff; color: var(--fg); cursor: pointer; }
button:active, button[aria-pressed="true"] { background: var(--brand); color: #fff; }
button.primary { background: var(--brand); color: #fff; }
button.skip { border-color: transparent; background: transparent; text-decoration: underline; }
.scale { display: flex; flex-wrap: wrap; gap: 1.5vw; justify-content: center; }
.scale-smiley button { font-size: clamp(2.5rem, 8vw, 6rem); border: none; background: transparent; padding: 0.1em 0.25em; }
.scale-nps button { min-width: 64px; }
.choices { display: flex; flex-wrap: wrap; gap: 1.5vw; justify-content: center; max-width: 90vw; }
textarea { font: inherit; font-size: 1.4rem; width: min(80vw, 900px); border-radius: 12px; padding: 0.6em; }
.languages { display: flex; gap: 0.5rem; justify-content: flex-end; }
.languages button { min-height: 48px; min-width: 56px; font-size: 1rem; padding: 0.2em 0.6em; }
.languages button.active { background: var(--brand); color: #fff; }
.last-checks { font-size: 1.1rem; opacity: 0.85; text-align: center; }
.last-checks .overdue { color: var(--bad); font-weight: 600; }
.staff-button { align-self: flex-end; min-height: 48px; font-size: 1rem; opacity: 0.6; }
.error { color: var(--bad); font-weight: 600; }
.brand-bar { display: flex; align-items: center; justify-content: space-between; gap: 1rem; border-bottom: 4px solid var(--accent); padding-bottom: 0.5rem; }
.brand-logo { height: 56px; min-width: 56px; flex: 0 1 240px; background: var(--logo) left center / contain no-repeat; }
input { font: inherit; font-size: 1.4rem; padding: 0.5em; border-radius: 12px; width: min(80vw, 600px); }
`

/**
 * The merchant's branding (jobs plugin) as custom properties after the base
 * styles: `--brand` the primary colour, `--accent` the secondary, `--logo` the
 * logo as a CSS image. Colours are validated `#rrggbb` when saved; the logo
 * (an https or base64 data URL without spaces) is quoted with `"` and `\`
 * percent-encoded, so it cannot leave its string.
 */
export function brandCss(branding: { primary_color: string; secondary_color: string; logo: string | null }): string {
  const colour = (c: string, fallback: string) => (/^#[0-9a-fA-F]{6}$/.test(c) ? c : fallback)
  const logo = branding.logo && !/\s/.test(branding.logo) ? `url("${branding.logo.replace(/\\/g, "%5C").replace(/"/g, "%22")}")` : "none"
  return `:root { --brand: ${colour(branding.primary_color, "#1f6f5c")}; --accent: ${colour(branding.secondary_color, "#f59e0b")}; --logo: ${logo}; }\n`
}
