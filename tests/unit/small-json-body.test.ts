/**
 * The front door's small JSON body reader (decision 182) answers every request as Medusa's
 * own JSON body parser (body-parser `json()`, the copy Medusa loads) does: each raw request
 * goes once to a server with body-parser alone and once to one with the reader in front of
 * it, over a real socket, and the outcomes (the body, or the error's status and type) match.
 */
import http from "http"
import net from "net"
import type { AddressInfo } from "net"

import { afterAll, beforeAll, describe, expect, it } from "vitest"

import { medusaRequire } from "../../src/plugins/core/src/utils/medusa-require"
import { smallJsonBody } from "../../src/plugins/core/src/utils/small-json-body"

type Handler = (req: http.IncomingMessage & { body?: unknown }, res: http.ServerResponse, next: (err?: unknown) => void) => void
const bodyParser = medusaRequire<{ json(): Handler; text(): Handler; urlencoded(o: unknown): Handler }>("body-parser")

function serve(chain: Handler[]): http.Server {
  return http.createServer((req, res) => {
    const answer = (outcome: unknown) => {
      res.setHeader("content-type", "application/json")
      res.end(JSON.stringify(outcome))
    }
    const run = (i: number, err?: unknown): void => {
      if (err) {
        const e = err as { status?: number; type?: string }
        return answer({ error: { status: e.status, type: e.type } })
      }
      if (i === chain.length) {
        return answer({ body: (req as { body?: unknown }).body ?? null })
      }
      chain[i](req, res, (next) => run(i + 1, next))
    }
    run(0)
  })
}

let plain: http.Server
let withReader: http.Server
let read = 0
const counting: Handler = (req, res, next) => {
  const before = (req as { _body?: boolean })._body
  smallJsonBody()(req, res, (err) => {
    if (!before && (req as { _body?: boolean })._body) read++
    next(err)
  })
}

beforeAll(async () => {
  const medusaChain = () => [bodyParser.json(), bodyParser.text(), bodyParser.urlencoded({ extended: true })]
  plain = serve(medusaChain())
  withReader = serve([counting, ...medusaChain()])
  await Promise.all([plain, withReader].map((s) => new Promise<void>((r) => s.listen(0, "127.0.0.1", r))))
})

afterAll(async () => {
  await Promise.all([plain, withReader].map((s) => new Promise((r) => s.close(r))))
})

/** Sends the raw request and answers the outcome the server printed. */
function send(server: http.Server, head: string, body: Buffer | string = ""): Promise<unknown> {
  const { port } = server.address() as AddressInfo
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1", () => {
      socket.write(`POST /x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n${head}\r\n`)
      socket.end(body)
    })
    let out = ""
    socket.on("data", (d) => (out += d))
    socket.on("end", () => {
      const i = out.indexOf("\r\n\r\n")
      const raw = out.slice(i + 4)
      // Chunked answers: take the JSON between the first chunk size line and the terminator.
      const json = /^[0-9a-f]+\r\n/i.test(raw) ? raw.replace(/^[0-9a-f]+\r\n/i, "").replace(/\r\n0\r\n\r\n$/, "") : raw
      try {
        resolve(JSON.parse(json))
      } catch {
        resolve({ raw: out.slice(0, 12) })
      }
    })
    socket.on("error", reject)
  })
}

const json = (body: string | Buffer, type = "application/json") => {
  const bytes = typeof body === "string" ? Buffer.from(body, "utf-8") : body
  return { head: `Content-Type: ${type}\r\nContent-Length: ${bytes.length}\r\n`, body: bytes }
}

const cases: Record<string, { head: string; body: Buffer | string; readHere: boolean }> = {
  object: { ...json(`{"amount":1,"reference":"R-1"}`), readHere: true },
  array: { ...json(`[1,2,3]`), readHere: true },
  "empty body": { ...json(""), readHere: true },
  "whitespace only": { ...json("  \n "), readHere: true },
  "a string at the top": { ...json(`"just a string"`), readHere: true },
  "a number at the top": { ...json(`42`), readHere: true },
  "not JSON": { ...json(`{not json`), readHere: true },
  "byte order mark": { ...json(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`{"a":1}`)])), readHere: true },
  "multibyte UTF-8": { ...json(`{"name":"Müller €","city":"São Paulo"}`), readHere: true },
  "charset utf-8": { ...json(`{"a":1}`, "application/json; charset=utf-8"), readHere: true },
  "charset latin1 (left to body-parser)": { ...json(`{"a":1}`, "application/json; charset=latin1"), readHere: false },
  "text/plain (left to the text parser)": { ...json(`hello`, "text/plain"), readHere: false },
  "a form (left to urlencoded)": { ...json(`a=1&b=2`, "application/x-www-form-urlencoded"), readHere: false },
  "larger than 16 KiB (left to body-parser)": { ...json(JSON.stringify({ pad: "x".repeat(20_000) })), readHere: false },
  "larger than body-parser's limit": { ...json(JSON.stringify({ pad: "x".repeat(200_000) })), readHere: false },
  "chunked (left to body-parser)": {
    head: "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n",
    body: `7\r\n{"a":1}\r\n0\r\n\r\n`,
    readHere: false,
  },
  "gzip (left to body-parser)": { head: "Content-Type: application/json\r\nContent-Encoding: gzip\r\nContent-Length: 3\r\n", body: "abc", readHere: false },
  "no body, no length": { head: "Content-Type: application/json\r\n", body: "", readHere: false },
}

describe("the small JSON body reader", () => {
  for (const [name, c] of Object.entries(cases)) {
    it(`answers as body-parser: ${name}`, async () => {
      const before = read
      const expected = await send(plain, c.head, c.body)
      const actual = await send(withReader, c.head, c.body)
      expect(actual).toEqual(expected)
      expect(read - before).toBe(c.readHere ? 1 : 0)
    })
  }

  it("refuses a body shorter than its Content-Length as body-parser does", async () => {
    const head = "Content-Type: application/json\r\nContent-Length: 20\r\n"
    // The socket closes after 7 bytes: both must fail, not hang or take a partial body.
    const expected = await send(plain, head, `{"a":1}`)
    const actual = await send(withReader, head, `{"a":1}`)
    expect(actual).toEqual(expected)
  })
})
