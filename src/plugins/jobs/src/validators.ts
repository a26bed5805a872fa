import { z } from "zod"

import { documentKindSchema, localeSchema } from "./schemas"

const page = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
}

export const ListMails = z
  .object({ ...page, status: z.enum(["queued", "sent", "failed"]).optional(), kind: z.string().max(40).optional() })
  .strict()

export const ListDocuments = z.object(page).strict()

export const TestMail = z
  .object({ to: z.string().trim().email("must be an e-mail address").max(254), locale: localeSchema.optional() })
  .strict()

export const RunSchedule = z
  .object({ now: z.string().datetime({ offset: true, message: "must be an ISO date-time (2026-01-31T06:00:00Z)" }).optional() })
  .strict()

export const PreviewKind = documentKindSchema
