import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"
import type { EntityManager } from "typeorm"

import { contentDisposition, DomainError, parseBody } from "@customer-modules/core"

import type VoucherService from "#services/voucher"
import { liabilityCsv } from "#utils/liability"
import { LiabilityQuery } from "#validators"

const MAX_DAYS = 3700

/**
 * GET /admin/vouchers/liability?from=YYYY-MM-DD&to=YYYY-MM-DD[&currency_code=&location_id=&time_zone=&format=csv]:
 * opening liability, sold, reloaded, redeemed, expired and closing liability
 * for the days from `from` to `to` (both included) in the merchant's time zone.
 */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const query = parseBody(LiabilityQuery, req.query)
  const service = req.scope.resolve<VoucherService>("voucherService")
  const timeZone = query.time_zone ?? (await service.settings()).time_zone
  const [bounds] = await req.scope.resolve<EntityManager>("manager").query(
    `SELECT ($1::date)::timestamp AT TIME ZONE $3 AS "from", ($2::date + 1)::timestamp AT TIME ZONE $3 AS "to",
            $2::date - $1::date AS days`,
    [query.from, query.to, timeZone]
  ).catch(() => {
    throw new DomainError("invalid_request", "from/to: not a valid date", 400)
  })
  if (bounds.days < 0 || bounds.days > MAX_DAYS) {
    throw new DomainError("invalid_request", `to must be on or after from, at most ${MAX_DAYS} days later`, 400)
  }
  const report = await service.liability({ currency_code: query.currency_code, from: bounds.from, to: bounds.to, location_id: query.location_id })
  if (query.format === "csv") {
    res.setHeader("Content-Type", "text/csv; charset=utf-8")
    res.setHeader("Content-Disposition", contentDisposition("attachment", `voucher-liability-${query.from}-${query.to}.csv`))
    res.send(liabilityCsv(report))
    return
  }
  res.json({ report: { ...report, time_zone: timeZone } })
}
