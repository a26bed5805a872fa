import type QRCode from "qrcode"
import { z } from "zod"

import { adminMutation } from "@customer-modules/core"

import type FeedbackPairingService from "#services/feedback-pairing"
import { PAIRING_TTL_MINUTES } from "#services/feedback-pairing"

/**
 * POST /admin/feedback/terminals/:terminal_id/pairing `{}` → 201 `{ pairing: { code,
 * expires_at, ttl_minutes, url, qr } }`: a single-use code (ten minutes) to type on the
 * tablet, and `url`, the tablet app with the code, as a QR code (`qr`, a PNG data URL).
 * A new code makes the tablet's earlier unused codes invalid.
 */
export const POST = adminMutation({
  body: z.object({}).strict(),
  handler: async (req, manager, _body) => {
    const { code, expires_at } = await req.scope.resolve<FeedbackPairingService>("feedbackPairingService").withTransaction(manager).create(String(req.params.terminal_id))
    // The code rides in the fragment: it never reaches a server or proxy log.
    const url = `${req.protocol}://${req.get("host")}/feedback/app#pair=${code}`
    // Loaded where first used: a tablet is paired now and then, and the API's thread need not hold qrcode (decision 165).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { toDataURL } = require("qrcode") as typeof QRCode
    const qr = await toDataURL(url, { errorCorrectionLevel: "M", margin: 2, width: 320 })
    return { status: 201, body: { pairing: { code: `${code.slice(0, 4)}-${code.slice(4)}`, expires_at, ttl_minutes: PAIRING_TTL_MINUTES, url, qr } } }
  },
})
