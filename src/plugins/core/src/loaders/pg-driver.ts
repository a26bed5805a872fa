import { Query } from "pg"

type Connection = { [GENERATION]?: number; stream: { cork(): void; uncork(): void } }
type PgQuery = { name?: string; text?: unknown; values?: unknown; rows?: unknown }
type QueryProto = {
  submit(this: PgQuery, connection: Connection): unknown
  prepare(this: PgQuery, connection: Connection): unknown
  handleError(this: PgQuery, err: unknown, connection: Connection): unknown
  [MARK]?: true
  [CORKED]?: true
}

const MARK = Symbol.for("customer-modules.core.pg-prepared-statements")
const CORKED = Symbol.for("customer-modules.core.pg-one-write-per-query")
const GENERATION = Symbol.for("customer-modules.core.pg-prepared-statements.generation")
/** The names given here: `cm_<n>` (and `cm_<n>_<generation>` on a connection that had to start over). */
const PREFIX = "cm_"
/** A statement text is prepared from its third use in the process on; texts seen once or twice (ad-hoc admin lists) are not. */
const ADMIT_AFTER = 3
/** At most this many statements per process (and so per connection); texts counted at most this many, then counting starts again. */
const MAX_STATEMENTS = 1000
const MAX_COUNTED = 10_000
/** SQLSTATEs after which a connection's statements are prepared again under new names: the result type changed under a prepared statement (a migration), or the server forgot them. */
const START_OVER = new Set(["0A000", "26000"])

/**
 * The process's patches of node-postgres, in one place: every plugin's queries go through the
 * one driver (TypeORM's and Medusa's alike).
 * - One write per query (below).
 * - Repeated queries as prepared statements (decision 180), unless PG_PREPARED_STATEMENTS=off.
 */
export default function pgDriver(): void {
  const query = Query as unknown as { prototype: QueryProto }
  oneWritePerQuery(query)
  if (process.env.PG_PREPARED_STATEMENTS !== "off") {
    installPreparedStatements(query)
  }
}

/**
 * node-postgres 8.13 writes each message of a parameterised query (Parse,
 * Bind, Describe, Execute, Sync) to the socket on its own: five system calls
 * per query, the largest single item in a profile of the POS hot path. Corking
 * the socket while the query is prepared sends them as one write. Nothing else
 * changes: the same bytes, in the same order, on the same connection.
 */
function oneWritePerQuery(query: { prototype: QueryProto }): void {
  const proto = query.prototype
  if (proto[CORKED]) {
    return
  }
  const prepare = proto.prepare
  proto.prepare = function (connection) {
    connection.stream.cork()
    try {
      return prepare.call(this, connection)
    } finally {
      connection.stream.uncork()
    }
  }
  proto[CORKED] = true
}

/**
 * Parameterised queries that the process sends again and again become named prepared
 * statements, so PostgreSQL parses and plans them once per connection instead of on every
 * call (decision 180): TypeORM sends every query unnamed. In `npm run bench:pos` this was
 * most of what PostgreSQL spent on a POS call beyond the work itself.
 *
 * - The name belongs to the text (one map for the process), so one name never means two
 *   statements; node-postgres parses a name once per connection and then only binds it.
 * - Only texts used at least three times, and at most 1000 of them, so ad-hoc queries do not
 *   pile up on the server's connections.
 * - A migration that changes the row type of a prepared `SELECT *` / `RETURNING *` makes
 *   PostgreSQL refuse that statement on every connection that holds it ("cached plan must
 *   not change result type"). That call fails once; the connection then prepares its
 *   statements again under new names. The same for a server that forgot them (26000).
 * - `PG_PREPARED_STATEMENTS=off` turns it off (a pooler in transaction mode that does not
 *   keep prepared statements, PgBouncer before 1.21).
 */
export function installPreparedStatements(query: { prototype: QueryProto }): void {
  const proto = query.prototype
  if (proto[MARK]) {
    return
  }
  const names = new Map<string, string>()
  const seen = new Map<string, number>()
  const nameOf = (text: string): string | undefined => {
    const known = names.get(text)
    if (known !== undefined || names.size >= MAX_STATEMENTS) {
      return known
    }
    const uses = (seen.get(text) ?? 0) + 1
    if (uses < ADMIT_AFTER) {
      if (seen.size >= MAX_COUNTED) {
        seen.clear()
      }
      seen.set(text, uses)
      return undefined
    }
    seen.delete(text)
    const name = `${PREFIX}${names.size}`
    names.set(text, name)
    return name
  }

  const submit = proto.submit
  proto.submit = function (connection) {
    if (this.name === undefined && typeof this.text === "string" && Array.isArray(this.values) && this.values.length && this.rows === undefined) {
      const name = nameOf(this.text)
      if (name !== undefined) {
        const generation = connection[GENERATION]
        this.name = generation ? `${name}_${generation}` : name
      }
    }
    return submit.call(this, connection)
  }
  const handleError = proto.handleError
  proto.handleError = function (err, connection) {
    const code = (err as { code?: unknown } | null)?.code
    if (this.name?.startsWith(PREFIX) && typeof code === "string" && START_OVER.has(code) && connection) {
      connection[GENERATION] = (connection[GENERATION] ?? 0) + 1
    }
    return handleError.call(this, err, connection)
  }
  proto[MARK] = true
}
