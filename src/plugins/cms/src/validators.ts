import { z } from "zod"

import { instant, timeZone } from "@customer-modules/core"

import { LOCALES } from "./types"

const locale = z.enum(LOCALES)
const status = z.enum(["draft", "published"])
/** An image URL from Medusa's file service (or any https/http address); no other scheme. */
const imageUrl = z
  .string()
  .trim()
  .max(2000)
  .url()
  .refine((u) => /^https?:\/\//i.test(u), "must be an http(s) URL")

const newsFields = {
  title: z.string().trim().min(1).max(300),
  body: z.string().max(100_000),
  image_url: imageUrl.nullable().optional(),
  valid_from: instant.nullable().optional(),
  valid_until: instant.nullable().optional(),
  locale: locale.nullable().optional(),
  location_ids: z.array(z.string().trim().min(1).max(100)).max(100).optional(),
  pinned: z.boolean().optional(),
  status: status.optional(),
}

function validityInOrder(v: { valid_from?: Date | null; valid_until?: Date | null }): boolean {
  return !v.valid_from || !v.valid_until || v.valid_from < v.valid_until
}
const VALIDITY_MESSAGE = { message: "valid_until must be after valid_from", path: ["valid_until"] }

export const CreateNews = z.object(newsFields).strict().refine(validityInOrder, VALIDITY_MESSAGE)
export const UpdateNews = z
  .object({ ...newsFields, title: newsFields.title.optional(), body: newsFields.body.optional() })
  .strict()
  .refine(validityInOrder, VALIDITY_MESSAGE)

const faqFields = {
  question: z.string().trim().min(1).max(500),
  answer: z.string().max(50_000),
  category: z.string().trim().min(1).max(120).nullable().optional(),
  position: z.number().int().min(0).max(1_000_000).optional(),
  locale: locale.nullable().optional(),
  status: status.optional(),
}
export const CreateFaq = z.object(faqFields).strict()
export const UpdateFaq = z.object({ ...faqFields, question: faqFields.question.optional(), answer: faqFields.answer.optional() }).strict()
export const OrderFaq = z.object({ ids: z.array(z.string().min(1).max(100)).min(1).max(1000) }).strict()

export const Preview = z.object({ markdown: z.string().max(100_000) }).strict()
export const ItemPreview = z.object({ locale: locale.optional() }).strict()

/** An origin as a browser sends it: scheme, host and optional port, nothing else. */
export const origin = z
  .string()
  .trim()
  .max(300)
  .regex(/^https?:\/\/[a-z0-9.-]+(?::\d{1,5})?$/i, "must be an origin like https://www.example.com (scheme, host, optional port; no path)")
  .transform((o) => o.toLowerCase())
export const UpdateSettings = z.object({ allowed_origins: z.array(origin).max(50).optional(), time_zone: timeZone.optional() }).strict()

export const AdminList = z
  .object({ status: status.optional(), locale: locale.optional(), limit: z.coerce.number().int().min(1).max(500).optional(), offset: z.coerce.number().int().min(0).max(1_000_000).optional() })
  .strict()

export const PublicQuery = z
  .object({
    locale: locale.optional(),
    format: z.enum(["json", "html"]).optional(),
    location_id: z.string().trim().min(1).max(100).optional(),
    category: z.string().trim().min(1).max(120).optional(),
  })
  .strict()
