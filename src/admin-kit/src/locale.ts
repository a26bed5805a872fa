/**
 * The admin's language and the texts of our pages in it.
 *
 * Medusa's admin keeps the merchant's language in i18next (chosen under
 * Settings → Personal information → Language, remembered in localStorage
 * `i18nextLng`, detected from the browser otherwise) and binds it to React with
 * `initReactI18next`. `useTranslation()` of react-i18next (one copy, shared with
 * the admin) gives that instance and renders again when the language changes.
 */
import { useTranslation } from "react-i18next"

/** The languages of our pages; every text exists in each. */
export const ADMIN_LOCALES = ["de", "en", "pt"] as const
export type AdminLocale = (typeof ADMIN_LOCALES)[number]

/** The page language for an i18next language tag ("de-AT" → "de", "pt-BR" → "pt"); English for any other. */
export function toAdminLocale(language: string | null | undefined): AdminLocale {
  const base = (language ?? "").trim().toLowerCase().split(/[-_]/)[0]
  return (ADMIN_LOCALES as readonly string[]).includes(base) ? (base as AdminLocale) : "en"
}

/** The language of the page outside a React tree with i18next (the browser's stored or own choice). */
function browserLanguage(): string | undefined {
  try {
    return globalThis.localStorage?.getItem("i18nextLng") ?? globalThis.navigator?.language
  } catch {
    return globalThis.navigator?.language
  }
}

/**
 * The admin's language where no hook can be called (plain functions of a page): what
 * Medusa's language menu stored (i18next's `i18nextLng`), else the browser's. Inside a
 * component prefer `useAdminLocale`, which also follows a change of the menu at once.
 */
export function currentAdminLocale(): AdminLocale {
  return toAdminLocale(browserLanguage())
}

/**
 * Gives a page's sidebar link its name in the admin's language. Medusa's admin build
 * accepts a route's `config` only with a string literal `label`, and registers the link
 * from the exported object when the bundle loads, so the page keeps its literal and this
 * sets the language's name on that object then (a change of language shows after a reload).
 */
export function localizeLink(config: { link?: { label: string } }, labels: Record<AdminLocale, string>): void {
  if (config.link) {
    config.link.label = labels[currentAdminLocale()]
  }
}

/** "de" | "en" | "pt": the language the merchant chose in Medusa's admin. */
export function useAdminLocale(): AdminLocale {
  const { i18n } = useTranslation()
  // Without an i18next instance (not inside the admin) react-i18next answers a stub without `language`.
  const language = i18n?.resolvedLanguage ?? i18n?.language ?? browserLanguage()
  return toAdminLocale(language)
}

/** The messages of one page or component: the same keys in every language (the compiler checks it). */
export type Messages<K extends string> = { [L in AdminLocale]: Record<K, string> }

/** Values for `{name}` placeholders. */
export type Vars = Record<string, string | number>

/** `text` with each `{name}` replaced by `vars.name`; an unknown placeholder stays as it is. */
export function interpolate(text: string, vars?: Vars): string {
  if (!vars) return text
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.prototype.hasOwnProperty.call(vars, name) ? String(vars[name]) : whole))
}

/**
 * The text of `key` in `locale`, English when a language lacks it, the key itself when none has it.
 * With `vars.count === 1` a `${key}_one` text is taken where the messages have one ("1 card" / "{count} cards").
 */
export function translate<K extends string>(messages: Messages<K>, locale: AdminLocale, key: K, vars?: Vars): string {
  const one = vars?.count === 1 ? ((messages[locale] as Record<string, string> | undefined)?.[`${key}_one`] ?? (messages.en as Record<string, string> | undefined)?.[`${key}_one`]) : undefined
  const text = one ?? messages[locale]?.[key] ?? messages.en?.[key]
  return text === undefined ? key : interpolate(text, vars)
}

/**
 * Keys some language lacks or leaves empty, and placeholders that differ from the English
 * text, as readable lines ("pt: missing save"); empty when the messages are complete.
 */
export function missingTranslations(messages: Messages<string>): string[] {
  const problems: string[] = []
  const keys = new Set<string>()
  for (const locale of ADMIN_LOCALES) for (const key of Object.keys(messages[locale] ?? {})) keys.add(key)
  const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort().join(",")
  for (const key of keys) {
    for (const locale of ADMIN_LOCALES) {
      const text = messages[locale]?.[key]
      if (typeof text !== "string" || text.trim() === "") {
        problems.push(`${locale}: missing ${key}`)
      } else if (messages.en?.[key] !== undefined && placeholders(text) !== placeholders(messages.en[key])) {
        problems.push(`${locale}: placeholders of ${key} differ from en`)
      }
    }
  }
  return problems
}

/** Typing help for a messages object: English names the keys, the other languages must have the same. */
export function defineMessages<M extends Record<string, string>>(messages: { en: M; de: Record<keyof M, string>; pt: Record<keyof M, string> }): Messages<Extract<keyof M, string>> {
  return messages as Messages<Extract<keyof M, string>>
}

/** `t(key, vars?)` in the admin's language. */
export function useT<K extends string>(messages: Messages<K>): (key: K, vars?: Vars) => string {
  const locale = useAdminLocale()
  return (key, vars) => translate(messages, locale, key, vars)
}
