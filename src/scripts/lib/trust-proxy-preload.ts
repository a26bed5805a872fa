/**
 * Loaded into the Medusa process with `node -r` by the entry point: applies
 * TRUST_PROXY (already validated by the entry point) to Medusa's express app.
 */
import { applyTrustProxy, parseTrustProxy } from "./trust-proxy"

applyTrustProxy(parseTrustProxy(process.env.TRUST_PROXY))
