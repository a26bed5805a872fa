/**
 * `npm run errors`: the error catalogue. Every error `type` a client can
 * receive from our plugins, with its HTTP status and where it is raised, read
 * from the sources (`new DomainError(type, message, status)`, the POS wrapper's
 * refusals, and `res.status(n).json({ type })`), written to
 * docs/openapi/errors.md, which every OpenAPI file links. A test keeps the file
 * in step with the code.
 */
import fs from "fs"
import path from "path"

import ts from "typescript"

export type CatalogueEntry = { plugin: string; type: string; statuses: number[]; places: string[] }

const DEFAULT_STATUS = 422

/** The string literals an expression can evaluate to (literals, and both arms of a conditional). */
function strings(node: ts.Expression | undefined): string[] {
  if (!node) return []
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [node.text]
  if (ts.isConditionalExpression(node)) return [...strings(node.whenTrue), ...strings(node.whenFalse)]
  if (ts.isParenthesizedExpression(node)) return strings(node.expression)
  return []
}

function numbers(node: ts.Expression | undefined): number[] {
  if (!node) return []
  if (ts.isNumericLiteral(node)) return [Number(node.text)]
  if (ts.isConditionalExpression(node)) return [...numbers(node.whenTrue), ...numbers(node.whenFalse)]
  if (ts.isParenthesizedExpression(node)) return numbers(node.expression)
  return []
}

/** `res.status(409).json({ type: "x", … })` → [409, ["x"]]. */
function jsonAnswer(node: ts.CallExpression): { statuses: number[]; types: string[] } | null {
  if (!ts.isPropertyAccessExpression(node.expression) || node.expression.name.text !== "json") return null
  const target = node.expression.expression
  if (!ts.isCallExpression(target) || !ts.isPropertyAccessExpression(target.expression) || target.expression.name.text !== "status") return null
  const body = node.arguments[0]
  if (!body || !ts.isObjectLiteralExpression(body)) return null
  const typeProp = body.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && p.name.getText() === "type")
  const types = strings(typeProp?.initializer)
  return types.length ? { statuses: numbers(target.arguments[0]), types } : null
}

/** Every error type raised under `root/src/plugins/<plugin>/src`, by plugin and type. */
export function collectErrors(root: string): CatalogueEntry[] {
  const pluginsDir = path.join(root, "src/plugins")
  const found = new Map<string, CatalogueEntry>()
  const add = (plugin: string, type: string, statuses: number[], place: string) => {
    const key = `${plugin}\u0000${type}`
    const entry = found.get(key) ?? { plugin, type, statuses: [], places: [] }
    entry.statuses = [...new Set([...entry.statuses, ...statuses])].sort()
    if (!entry.places.includes(place)) entry.places.push(place)
    found.set(key, entry)
  }
  for (const plugin of fs.readdirSync(pluginsDir).sort()) {
    const src = path.join(pluginsDir, plugin, "src")
    if (!fs.existsSync(src)) continue
    for (const file of walk(src)) {
      if (file.includes(`${path.sep}admin${path.sep}`) && !file.includes(`${path.sep}api${path.sep}`)) continue
      const text = fs.readFileSync(file, "utf8")
      if (!/DomainError|Refusal|\.json\(\{\s*type/.test(text)) continue
      const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2021, true)
      const rel = path.relative(root, file).split(path.sep).join("/")
      const visit = (node: ts.Node): void => {
        if (ts.isNewExpression(node) && ts.isIdentifier(node.expression)) {
          const args = node.arguments ?? []
          if (node.expression.text === "DomainError") {
            const statuses = args.length >= 3 ? numbers(args[2]) : [DEFAULT_STATUS]
            for (const type of strings(args[0])) add(plugin, type, statuses, rel)
          } else if (node.expression.text === "Refusal") {
            for (const type of strings(args[1])) add(plugin, type, numbers(args[0]), rel)
          }
        } else if (ts.isCallExpression(node)) {
          const answer = jsonAnswer(node)
          if (answer) for (const type of answer.types) add(plugin, type, answer.statuses, rel)
        }
        ts.forEachChild(node, visit)
      }
      visit(source)
    }
  }
  // What core's shared route wrappers answer (idempotency conflicts, busy rows, outages, a bad
  // key) reaches the clients of every plugin whose routes use them: listed under that plugin too.
  const shared = [...found.values()].filter((e) => e.plugin === "core" && e.places.some((p) => SHARED_WRAPPERS.some((w) => p.endsWith(w))))
  for (const plugin of fs.readdirSync(pluginsDir).sort()) {
    const src = path.join(pluginsDir, plugin, "src")
    if (plugin === "core" || !fs.existsSync(src)) continue
    if (!walk(src).some((file) => WRAPPER_USE.test(fs.readFileSync(file, "utf8")))) continue
    for (const e of shared) {
      for (const place of e.places.filter((p) => SHARED_WRAPPERS.some((w) => p.endsWith(w)))) add(plugin, e.type, e.statuses, place)
    }
  }
  return [...found.values()].sort((a, b) => a.plugin.localeCompare(b.plugin) || a.type.localeCompare(b.type))
}

/** Core's route wrappers, whose answers every plugin using them passes on. */
const SHARED_WRAPPERS = ["src/plugins/core/src/idempotency.ts", "src/plugins/core/src/admin-mutation.ts"]
/** A plugin's routes use a shared wrapper. */
const WRAPPER_USE = /\b(posRoute|adminMutation|publicRoute|runIdempotent|runWithOptionalKey)\(/

function walk(dir: string): string[] {
  const out: string[] = []
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) out.push(...walk(full))
    else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith(".d.ts")) out.push(full)
  }
  return out.sort()
}

/** The catalogue as Markdown: one table per plugin. */
export function renderCatalogue(entries: CatalogueEntry[]): string {
  const lines = [
    "# Error catalogue",
    "",
    "Every error a client can receive from the customer modules is `{ type, message }` with the",
    "HTTP status below; `message` is for people and may change, `type` is for programs and does",
    "not. Generated from the sources by `npm run errors` (a test keeps it current). Medusa's own",
    "routes answer with Medusa's error types.",
    "",
  ]
  const plugins = [...new Set(entries.map((e) => e.plugin))]
  for (const plugin of plugins) {
    lines.push(`## ${plugin}`, "", "| type | status | raised in |", "| --- | --- | --- |")
    for (const e of entries.filter((x) => x.plugin === plugin)) {
      const places = e.places.map((p) => p.replace(`src/plugins/${plugin}/src/`, "")).join(", ")
      lines.push(`| \`${e.type}\` | ${e.statuses.join(", ") || "(computed)"} | ${places} |`)
    }
    lines.push("")
  }
  return lines.join("\n")
}

export const CATALOGUE_FILE = "docs/openapi/errors.md"

if (require.main === module) {
  const root = process.cwd()
  const text = renderCatalogue(collectErrors(root))
  fs.writeFileSync(path.join(root, CATALOGUE_FILE), text)
  console.log(`wrote ${CATALOGUE_FILE}`)
}
