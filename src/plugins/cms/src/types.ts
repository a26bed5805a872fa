export const LOCALES = ["de", "en", "pt"] as const
export type Locale = (typeof LOCALES)[number]
export type Status = "draft" | "published"

export type NewsDTO = {
  id: string
  title: string
  body: string
  image_url: string | null
  valid_from: string | null
  valid_until: string | null
  locale: Locale | null
  location_ids: string[]
  pinned: boolean
  status: Status
  created_at: string
  updated_at: string
}

export type FaqDTO = {
  id: string
  question: string
  answer: string
  category: string | null
  position: number
  locale: Locale | null
  status: Status
  created_at: string
  updated_at: string
}

export type CmsSettings = { allowed_origins: string[]; time_zone: string }

/** What the public routes answer for one query: both representations with their validators, and until when they hold. */
export type PublicAnswer = {
  json: string
  html: string
  json_etag: string
  html_etag: string
  /** The next instant at which the answer changes by itself (an item becomes valid or expires), if any. */
  next_change: Date | null
}
