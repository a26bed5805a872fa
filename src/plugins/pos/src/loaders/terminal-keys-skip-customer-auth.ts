import type { IncomingMessage } from "http"

import passport from "passport"

import { KEY_PATTERN } from "../services/pos-terminal"

const BEARER = /^Bearer\s+(\S+)\s*$/i
const MARK = Symbol.for("customer-modules.pos.terminal-keys-skip-customer-auth")

type Strategy = { authenticate(this: { fail(): void }, req: IncomingMessage, options?: unknown): void; [MARK]?: true }

/**
 * Medusa runs its optional customer authentication on every /store route,
 * plugin routes included, before any middleware of ours: it tries the bearer
 * token as a customer JWT and, for a terminal key, builds a JsonWebTokenError
 * each time. A terminal key is never a JWT (it has no dots), so the bearer
 * strategy answers "no customer" for it at once: exactly what the failed
 * verification answered, without the work. Any other token is verified as before.
 */
export default function skipCustomerAuthForTerminalKeys(): void {
  const strategy = (passport as unknown as { _strategy(name: string): Strategy | undefined })._strategy("store-bearer")
  if (!strategy || strategy[MARK]) {
    return
  }
  const verify = strategy.authenticate
  strategy.authenticate = function (req, options) {
    const token = BEARER.exec(req.headers.authorization ?? "")?.[1]
    if (token !== undefined && KEY_PATTERN.test(token)) {
      return this.fail()
    }
    return verify.call(this, req, options)
  }
  strategy[MARK] = true
}
