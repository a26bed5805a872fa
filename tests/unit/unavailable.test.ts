/**
 * Which errors mean "the database or Redis is away" (503, retry) rather than a
 * bug (500) or a refusal: what pg, TypeORM and ioredis throw during an outage.
 */
import { describe, expect, it } from "vitest"

import { DomainError, isUnavailable } from "../../src/plugins/core/src/errors"

const withCode = (code: string, message = "x") => Object.assign(new Error(message), { code })

describe("isUnavailable", () => {
  it("recognises PostgreSQL shutting down, starting up and refusing connections", () => {
    expect(isUnavailable(withCode("57P01", "terminating connection due to administrator command"))).toBe(true)
    expect(isUnavailable(withCode("57P03", "the database system is starting up"))).toBe(true)
    expect(isUnavailable(withCode("53300", "sorry, too many clients already"))).toBe(true)
    expect(isUnavailable(withCode("08006"))).toBe(true)
  })

  it("recognises lost sockets, also inside TypeORM's QueryFailedError and Node's AggregateError", () => {
    expect(isUnavailable(withCode("ECONNREFUSED"))).toBe(true)
    expect(isUnavailable(Object.assign(new Error("Query failed"), { driverError: withCode("57P01") }))).toBe(true)
    expect(isUnavailable(new AggregateError([withCode("ECONNREFUSED"), withCode("ECONNREFUSED")], ""))).toBe(true)
    expect(isUnavailable(new Error("Connection terminated unexpectedly"))).toBe(true)
    expect(isUnavailable(Object.assign(new Error("released"), { name: "QueryRunnerProviderAlreadyReleasedError" }))).toBe(true)
    expect(isUnavailable(Object.assign(new Error("Query runner already released"), { name: "QueryRunnerAlreadyReleasedError" }))).toBe(true)
  })

  it("leaves refusals, constraint violations and bugs alone", () => {
    expect(isUnavailable(new DomainError("insufficient_balance", "no", 409))).toBe(false)
    expect(isUnavailable(withCode("23505", "duplicate key value violates unique constraint"))).toBe(false)
    expect(isUnavailable(withCode("55P03", "could not obtain lock"))).toBe(false)
    expect(isUnavailable(new TypeError("cannot read properties of undefined"))).toBe(false)
    expect(isUnavailable(null)).toBe(false)
    expect(isUnavailable("Connection terminated")).toBe(false)
  })
})
