/**
 * `npm run new-plugin <name>`: writes a working plugin skeleton under
 * src/plugins/<name> and its test under tests/integration, and adds the plugin
 * to tsconfig.build.json. Nothing of another plugin is edited: the skeleton
 * registers its POS scope, mail kind, document kind and schedule from its own
 * loader (decision 73). `--root <dir>` writes into another checkout (tests).
 */
import fs from "fs"
import path from "path"

const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/
const RESERVED = new Set(["core", "ledger", "pos", "jobs", "gift-card", "prepaid", "debtor", "loyalty", "admin-kit"])

export type Names = { name: string; snake: string; camel: string; pascal: string; title: string }

export function namesOf(name: string): Names {
  if (!NAME.test(name) || name.length > 30) {
    throw new Error(`plugin name ${JSON.stringify(name)}: use lower-case letters, digits and single dashes (2 to 30 characters, e.g. "wine-cellar")`)
  }
  if (RESERVED.has(name)) {
    throw new Error(`plugin name ${name} is taken`)
  }
  const parts = name.split("-")
  const pascal = parts.map((p) => p[0].toUpperCase() + p.slice(1)).join("")
  return { name, snake: parts.join("_"), camel: pascal[0].toLowerCase() + pascal.slice(1), pascal, title: parts.map((p) => p[0].toUpperCase() + p.slice(1)).join(" ") }
}

/**
 * The skeleton's path aliases (decision 0135), as /work/wt/tools/aliases.py writes
 * them for every plugin: Node's subpath imports for the compiled dist (the
 * `types` condition gives ESLint's resolver the source) and tsc's `paths`.
 */
const ALIASES: Array<[alias: string, dist: string, src: string, types: string]> = [
  ["#services/*", "./dist/services/*.js", "./src/services/*", "./src/services/*.ts"],
  ["#mail/*", "./dist/mail/*.js", "./src/mail/*", "./src/mail/*.ts"],
  ["#documents/*", "./dist/documents/*.js", "./src/documents/*", "./src/documents/*.tsx"],
  ["#api/*", "./dist/api/*.js", "./src/api/*", "./src/api/*.ts"],
  ["#validators", "./dist/validators.js", "./src/validators", "./src/validators.ts"],
  ["#src/*", "./dist/*.js", "./src/*", "./src/*.js"],
]

/** Every file of the skeleton, path relative to the repository root. */
export function skeleton(n: Names, migrationTs: number): Record<string, string> {
  const dir = `src/plugins/${n.name}`
  const table = `${n.snake}_note`
  const service = `${n.camel}NoteService`
  const scope = n.snake
  const mailKind = `${n.snake}_note`
  return {
    [`${dir}/package.json`]: JSON.stringify(
      {
        name: `@customer-modules/${n.name}`,
        version: "0.1.0",
        private: true,
        description: `${n.title}: notes taken at the till and in the admin (skeleton)`,
        license: "MIT",
        main: "dist/index.js",
        types: "dist/index.d.ts",
        imports: Object.fromEntries(ALIASES.map(([alias, dist, , types]) => [alias, { types, default: dist }])),
        customerModule: { title: n.title, summary: `${n.title} (new plugin)`, healthService: service },
        scripts: { "build:admin": "node ../../../dist/scripts/admin-bundle.js" },
        dependencies: { "@customer-modules/core": "0.1.0", "@customer-modules/jobs": "0.1.0", "@customer-modules/pos": "0.1.0", "@react-pdf/renderer": "4.9.0" },
        peerDependencies: {
          "@medusajs/medusa": "1.20.11",
          awilix: "*",
          typeorm: "0.3.16",
          zod: "*",
          "@medusajs/admin": "7.1.18",
          "@medusajs/icons": "*",
          "@medusajs/ui": "*",
          "medusa-react": "*",
          react: "*",
        },
      },
      null,
      2
    ) + "\n",
    [`${dir}/tsconfig.json`]: JSON.stringify(
      {
        extends: "../../../tsconfig.base.json",
        compilerOptions: {
          rootDir: "src",
          outDir: "dist",
          tsBuildInfoFile: "dist/.tsbuildinfo",
          jsx: "react-jsx",
          paths: Object.fromEntries(ALIASES.map(([alias, , src]) => [alias, [src]])),
        },
        include: ["src"],
        exclude: ["src/admin"],
        references: [{ path: "../core" }, { path: "../jobs" }, { path: "../pos" }],
      },
      null,
      2
    ) + "\n",
    [`${dir}/src/index.ts`]: `export type { default as ${n.pascal}NoteService, NoteDTO } from "./services/${n.name}-note"\nexport { ${n.snake.toUpperCase()}_SCOPE } from "./loaders/registrations"\n`,
    [`${dir}/src/migrations/${migrationTs}-${n.name}.ts`]: `import { MigrationInterface, QueryRunner } from "typeorm"

/** Notes of the ${n.title} plugin: text written at a till or in the admin. */
export class ${n.pascal}${migrationTs} implements MigrationInterface {
  name = "${n.pascal}${migrationTs}"

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(\`
      CREATE TABLE IF NOT EXISTS "${table}" (
        "id" character varying NOT NULL,
        "text" character varying(500) NOT NULL,
        "location_id" character varying,
        "terminal_id" character varying,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_${table}" PRIMARY KEY ("id")
      )\`)
    await queryRunner.query(\`CREATE INDEX IF NOT EXISTS "IDX_${table}_created_at" ON "${table}" ("created_at")\`)
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(\`DROP TABLE IF EXISTS "${table}"\`)
  }
}
`,
    [`${dir}/src/services/${n.name}-note.ts`]: `import { TransactionBaseService } from "@medusajs/medusa"
import type { EntityManager } from "typeorm"

import { newEntityId } from "@customer-modules/core"
import type { ModuleHealth } from "@customer-modules/core"

type InjectedDependencies = { manager: EntityManager }

export type NoteDTO = { id: string; text: string; location_id: string | null; terminal_id: string | null; created_at: Date }

const MAX_PAGE = 100

/** Notes (the skeleton's one aggregate): written in one statement, listed newest first. */
export default class ${n.pascal}NoteService extends TransactionBaseService {
  static readonly Events = { CREATED: "${table}.created" }

  constructor(container: InjectedDependencies) {
    super(container)
  }

  /** Writes a note; the caller owns the transaction. */
  async create(input: { text: string; location_id?: string | null; terminal_id?: string | null }): Promise<NoteDTO> {
    const rows: NoteDTO[] = await this.activeManager_.query(
      \`INSERT INTO "${table}" (id, text, location_id, terminal_id) VALUES ($1, $2, $3, $4) RETURNING id, text, location_id, terminal_id, created_at\`,
      [newEntityId("note"), input.text, input.location_id ?? null, input.terminal_id ?? null]
    )
    return rows[0]
  }

  async retrieve(id: string): Promise<NoteDTO | null> {
    const rows: NoteDTO[] = await this.activeManager_.query(\`SELECT id, text, location_id, terminal_id, created_at FROM "${table}" WHERE id = $1\`, [id])
    return rows[0] ?? null
  }

  async list(limit = 20): Promise<NoteDTO[]> {
    return this.activeManager_.query(\`SELECT id, text, location_id, terminal_id, created_at FROM "${table}" ORDER BY created_at DESC, id LIMIT $1\`, [Math.min(limit, MAX_PAGE)])
  }

  async count(): Promise<number> {
    const rows: { n: string }[] = await this.activeManager_.query(\`SELECT count(*) AS n FROM "${table}"\`)
    return Number(rows[0].n)
  }

  async health(): Promise<ModuleHealth> {
    await this.activeManager_.query(\`SELECT 1 FROM "${table}" LIMIT 1\`)
    return { status: "ok" }
  }
}
`,
    [`${dir}/src/validators.ts`]: `import { z } from "zod"

export const CreateNote = z.object({ text: z.string().trim().min(1, "must not be empty").max(500) }).strict()
export const SendNote = z.object({ to: z.string().trim().email().max(254), locale: z.enum(["de", "en", "pt"]).optional() }).strict()
`,
    [`${dir}/src/api/middlewares.ts`]: `import type { MiddlewaresConfig } from "@medusajs/medusa"

import { apiErrorHandler } from "@customer-modules/core"

/** \`{ type, message }\` for malformed JSON and domain refusals on every route of this plugin. */
export const config: MiddlewaresConfig = { errorHandler: apiErrorHandler() }
`,
    [`${dir}/src/api/admin/${n.name}/notes/route.ts`]: `import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { adminMutation } from "@customer-modules/pos"

import type ${n.pascal}NoteService from "#services/${n.name}-note"
import { CreateNote } from "#validators"

/** GET /admin/${n.name}/notes → \`{ notes }\`, newest first. */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  res.json({ notes: await req.scope.resolve<${n.pascal}NoteService>("${service}").list() })
}

/** POST /admin/${n.name}/notes \`{ text }\` → \`201 { note }\` (Idempotency-Key optional). */
export const POST = adminMutation({
  body: CreateNote,
  handler: async (req, manager, body) => ({
    status: 201,
    body: { note: await req.scope.resolve<${n.pascal}NoteService>("${service}").withTransaction(manager).create({ text: body.text }) },
  }),
})
`,
    [`${dir}/src/api/admin/${n.name}/notes/[id]/send/route.ts`]: `import { DomainError } from "@customer-modules/core"
import type { MailService } from "@customer-modules/jobs"
import { adminMutation } from "@customer-modules/pos"

import type ${n.pascal}NoteService from "#services/${n.name}-note"
import { DOCUMENT_KIND, MAIL_KIND } from "#src/loaders/registrations"
import { SendNote } from "#validators"

/** POST /admin/${n.name}/notes/:id/send \`{ to, locale? }\` → \`202 { mail }\`: the note by mail with its PDF, once per note and address. */
export const POST = adminMutation({
  body: SendNote,
  handler: async (req, manager, body) => {
    const note = await req.scope.resolve<${n.pascal}NoteService>("${service}").withTransaction(manager).retrieve(req.params.id)
    if (!note) {
      throw new DomainError("not_found", "No note with that id", 404)
    }
    const data = { text: note.text, written_at: new Date(note.created_at).toISOString() }
    const mail = await req.scope.resolve<MailService>("mailService").enqueue({
      key: \`${n.name}:note:\${note.id}:\${body.to}\`,
      kind: MAIL_KIND,
      to: body.to,
      locale: body.locale ?? null,
      data,
      attachments: [{ document: { kind: DOCUMENT_KIND, key: \`${n.name}:note:\${note.id}\`, data } }],
    })
    return { status: 202, body: { mail } }
  },
})
`,
    [`${dir}/src/api/store/pos/${n.name}/notes/route.ts`]: `import { posRoute } from "@customer-modules/pos"

import type ${n.pascal}NoteService from "#services/${n.name}-note"
import { ${n.snake.toUpperCase()}_SCOPE } from "#src/loaders/registrations"
import { CreateNote } from "#validators"

/** POST /store/pos/${n.name}/notes \`{ text }\` → \`201 { note }\` (scope \`${scope}\`, Idempotency-Key required). */
export const POST = posRoute({
  scope: ${n.snake.toUpperCase()}_SCOPE,
  body: CreateNote,
  handler: async (req, ctx, body) => {
    const notes = req.scope.resolve<${n.pascal}NoteService>("${service}").withTransaction(ctx.manager)
    return { status: 201, body: { note: await notes.create({ text: body.text, location_id: ctx.tx.location_id, terminal_id: ctx.tx.terminal_id }) } }
  },
})
`,
    [`${dir}/src/mail/${n.name}-note.ts`]: `import { z } from "zod"

import { defineMailKind, mailText } from "@customer-modules/jobs"

const schema = z.object({ text: z.string().min(1).max(500), written_at: z.string().datetime({ offset: true }) }).strict()

/** The note by mail, in the recipient's language. */
export default defineMailKind({
  kind: "${mailKind}",
  plugin: "${n.name}",
  schema,
  sample: { text: "Table 4 would like the window seat next time.", written_at: "2026-12-01T18:30:00.000Z" },
  templates: {
    de: (d, c) => ({ ...mailText.base(null, c), subject: \`Notiz von \${c.sender}\`, paragraphs: [d.text], details: [["Geschrieben", c.dateTime(d.written_at, "Europe/Berlin")]] }),
    en: (d, c) => ({ ...mailText.base(null, c), subject: \`A note from \${c.sender}\`, paragraphs: [d.text], details: [["Written", c.dateTime(d.written_at, "Europe/Berlin")]] }),
    pt: (d, c) => ({ ...mailText.base(null, c), subject: \`Uma nota de \${c.sender}\`, paragraphs: [d.text], details: [["Escrita", c.dateTime(d.written_at, "Europe/Berlin")]] }),
  },
})
`,
    [`${dir}/src/documents/${n.name}-note.tsx`]: `import { Document, Text } from "@react-pdf/renderer"
import { z } from "zod"

import { defineDocumentKind, documentStyles, FramePage } from "@customer-modules/jobs"

const schema = z.object({ text: z.string().min(1).max(500), written_at: z.string().datetime({ offset: true }), locale: z.enum(["de", "en", "pt"]).nullish() }).strict()
const TITLE = { de: "Notiz", en: "Note", pt: "Nota" }

/** The note as a one-page PDF in the merchant's frame (default export: loaded by path in the PDF threads). */
export default defineDocumentKind({
  kind: "${mailKind}",
  plugin: "${n.name}",
  schema,
  sample: { text: "Table 4 would like the window seat next time.", written_at: "2026-12-01T18:30:00.000Z" },
  element: (d, c) => (
    <Document title={TITLE[c.locale]}>
      <FramePage branding={c.branding}>
        <Text style={documentStyles.title}>{TITLE[c.locale]}</Text>
        <Text>{d.text}</Text>
      </FramePage>
    </Document>
  ),
})
`,
    [`${dir}/src/loaders/registrations.ts`]: `import type { AwilixContainer } from "awilix"

import { ownInstance } from "@customer-modules/core"
import { registerDocumentKind, registerMailKind } from "@customer-modules/jobs"
import type { ScheduleService } from "@customer-modules/jobs"
import { registerPosScope } from "@customer-modules/pos"

import noteMail from "../mail/${n.name}-note"
import type ${n.pascal}NoteService from "../services/${n.name}-note"

export const ${n.snake.toUpperCase()}_SCOPE = "${scope}"
export const MAIL_KIND = noteMail.kind
export const DOCUMENT_KIND = "${mailKind}"
export const COUNT_SCHEDULE = "${n.name}.count-notes"

/** What this plugin brings to the shared ones: its POS scope, mail and document kinds and schedule (decision 73). */
export default async function registrations(container: AwilixContainer): Promise<void> {
  registerPosScope({ scope: ${n.snake.toUpperCase()}_SCOPE, plugin: "${n.name}", label: { de: "${n.title}: Notizen", en: "${n.title}: notes", pt: "${n.title}: notas" } })
  registerMailKind(noteMail)
  registerDocumentKind(require.resolve("../documents/${n.name}-note"))
  container
    .resolve<ScheduleService>("scheduleService")
    .register(COUNT_SCHEDULE, "0 3 * * *", async () => ({ notes: await ownInstance<${n.pascal}NoteService>(container, "${service}").count() }))
}
`,
    [`${dir}/src/admin/routes/${n.name}/page.tsx`]: `import type { RouteConfig } from "@medusajs/admin"
import { DocumentText } from "@medusajs/icons"
import { Container, Heading, Table, Text } from "@medusajs/ui"
import { useAdminCustomQuery } from "medusa-react"

type Note = { id: string; text: string; created_at: string }

const TEXT = {
  de: { title: "${n.title}", empty: "Noch keine Notizen. Eine Kasse mit dem Bereich „${scope}“ legt die erste an.", text: "Notiz", at: "Geschrieben" },
  en: { title: "${n.title}", empty: "No notes yet. A till with the scope “${scope}” writes the first.", text: "Note", at: "Written" },
  pt: { title: "${n.title}", empty: "Ainda sem notas. Uma caixa com o âmbito “${scope}” escreve a primeira.", text: "Nota", at: "Escrita" },
}
const lang = (): keyof typeof TEXT => {
  const l = (typeof localStorage !== "undefined" && localStorage.getItem("i18nextLng")) || "en"
  return l.startsWith("de") ? "de" : l.startsWith("pt") ? "pt" : "en"
}

const ${n.pascal}Page = () => {
  const t = TEXT[lang()]
  const { data } = useAdminCustomQuery<Record<string, never>, { notes: Note[] }>("/${n.name}/notes", ["${n.name}-notes"])
  const notes = data?.notes ?? []
  return (
    <Container>
      <Heading level="h1">{t.title}</Heading>
      {notes.length === 0 ? (
        <Text>{t.empty}</Text>
      ) : (
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>{t.text}</Table.HeaderCell>
              <Table.HeaderCell>{t.at}</Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {notes.map((note) => (
              <Table.Row key={note.id}>
                <Table.Cell>{note.text}</Table.Cell>
                <Table.Cell>{new Date(note.created_at).toLocaleString()}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
    </Container>
  )
}

export const config: RouteConfig = { link: { label: "${n.title}", icon: DocumentText } }

export default ${n.pascal}Page
`,
    [`tests/integration/${n.name}.test.ts`]: `/**
 * The ${n.title} plugin (generated skeleton) over HTTP: a till with the plugin's
 * own scope writes a note, the admin lists it and mails it with its PDF; a
 * key without the scope is refused.
 */
import { randomUUID } from "crypto"

import { describe, expect, it } from "vitest"

import { adminApi } from "../support/api"
import { uniqueAddress, waitForMail } from "../support/mail"
import { pdfText } from "../support/pdf"
import { createTerminal, posApi } from "../support/pos"

describe("${n.name}", () => {
  it("takes a note at a till with the plugin's scope, lists it in the admin and mails it with its PDF", async () => {
    const till = await createTerminal({ scopes: ["${scope}"] })
    const text = \`Window seat \${randomUUID().slice(0, 8)}\`
    const created = await posApi("/store/pos/${n.name}/notes", { key: till.key, body: { text } })
    expect(created.status, created.text).toBe(201)
    expect(created.body.note).toEqual(expect.objectContaining({ text, location_id: till.location.id }))

    const list = await adminApi("/admin/${n.name}/notes")
    expect(list.body.notes).toEqual(expect.arrayContaining([expect.objectContaining({ id: created.body.note.id })]))

    const to = uniqueAddress("${n.name}")
    const sent = await adminApi(\`/admin/${n.name}/notes/\${created.body.note.id}/send\`, { body: { to, locale: "de" } })
    expect(sent.status, sent.text).toBe(202)
    const mail = await waitForMail((m) => m.envelopeTo.includes(to), 30_000)
    expect(mail.text).toContain(text)
    const pdf = mail.attachments.find((a) => a.contentType === "application/pdf")
    expect(pdf).toBeDefined()
    expect((await pdfText(pdf!.content)).replace(/\\s+/g, " ")).toContain(text)
  })

  it("refuses a key without the plugin's scope, and an empty note", async () => {
    const other = await createTerminal({ scopes: ["loyalty"] })
    const refused = await posApi("/store/pos/${n.name}/notes", { key: other.key, body: { text: "x" } })
    expect(refused.status).toBe(403)
    const till = await createTerminal({ scopes: ["${scope}"] })
    const empty = await posApi("/store/pos/${n.name}/notes", { key: till.key, body: { text: "" } })
    expect(empty.status).toBe(400)
  })
})
`,
  }
}

/** Writes the skeleton into `root` (refusing to overwrite) and adds the plugin to tsconfig.build.json. Returns the files written. */
export function writePlugin(root: string, name: string, now = Date.now()): string[] {
  const n = namesOf(name)
  const dir = path.join(root, "src/plugins", n.name)
  if (fs.existsSync(dir)) {
    throw new Error(`${path.relative(root, dir)} exists already`)
  }
  const files = skeleton(n, Math.floor(now / 1000) * 1000)
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(root, rel)
    fs.mkdirSync(path.dirname(file), { recursive: true })
    fs.writeFileSync(file, content, { flag: "wx" })
  }
  const buildConfig = path.join(root, "tsconfig.build.json")
  const config = JSON.parse(fs.readFileSync(buildConfig, "utf8")) as { references: { path: string }[] }
  const ref = `./src/plugins/${n.name}`
  if (!config.references.some((r) => r.path === ref)) {
    // Before the storefront and the server app, after the plugins it builds on.
    const at = config.references.findIndex((r) => !r.path.startsWith("./src/plugins/"))
    config.references.splice(at < 0 ? config.references.length : at, 0, { path: ref })
    fs.writeFileSync(buildConfig, JSON.stringify(config, null, 2) + "\n")
  }
  return Object.keys(files)
}

if (require.main === module) {
  const args = process.argv.slice(2)
  const rootAt = args.indexOf("--root")
  const root = rootAt >= 0 ? path.resolve(args.splice(rootAt, 2)[1]) : process.cwd()
  const [name] = args
  if (!name) {
    console.error("usage: npm run new-plugin <name>   (lower-case, e.g. wine-cellar)")
    process.exit(2)
  }
  try {
    const files = writePlugin(root, name)
    console.log(`wrote ${files.length} files:\n  ${files.join("\n  ")}\nnext: npm install (links the workspace), npm run build, npx vitest run tests/integration/${name}.test.ts`)
  } catch (e) {
    console.error((e as Error).message)
    process.exit(1)
  }
}
