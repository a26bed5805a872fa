import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { TABLET_CSP } from "#utils/static-files"

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, maximum-scale=1, user-scalable=no">
<meta name="mobile-web-app-capable" content="yes">
<meta name="apple-mobile-web-app-capable" content="yes">
<title>Feedback</title>
<link rel="stylesheet" href="/feedback/app/tablet.css">
<script type="module" src="/feedback/app/tablet.js"></script>
</head>
<body>
<div id="app"></div>
</body>
</html>
`

/** GET /feedback/app → the tablet app (paired with a terminal key on first start). */
export function GET(_req: MedusaRequest, res: MedusaResponse): void {
  res.setHeader("Content-Type", "text/html; charset=utf-8")
  res.setHeader("Content-Security-Policy", TABLET_CSP)
  res.setHeader("Cache-Control", "no-cache")
  res.setHeader("X-Content-Type-Options", "nosniff")
  res.setHeader("Referrer-Policy", "no-referrer")
  res.send(PAGE)
}
