import { Query } from "pg"

type Connection = { stream: { cork(): void; uncork(): void } }
type Prepare = (this: unknown, connection: Connection) => void
const MARK = Symbol.for("customer-modules.pos.pg-one-write-per-query")

/**
 * node-postgres 8.13 writes each message of a parameterised query (Parse,
 * Bind, Describe, Execute, Sync) to the socket on its own: five system calls
 * per query, the largest single item in a profile of the POS hot path. Corking
 * the socket while the query is prepared sends them as one write. Nothing else
 * changes: the same bytes, in the same order, on the same connection.
 */
export default function pgOneWritePerQuery(): void {
  const proto = (Query as unknown as { prototype: { prepare: Prepare; [MARK]?: true } }).prototype
  if (proto[MARK]) {
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
  proto[MARK] = true
}
