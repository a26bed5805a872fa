import { Badge, Button, Container, Heading, Input, Label, Text, Textarea } from "@medusajs/ui"
import { useAdminCustomPost, useAdminCustomQuery, useAdminProducts } from "medusa-react"
import { FormEvent, useEffect, useState } from "react"

import { AmountInput, errorText, useFormatMoney, useT } from "@customer-modules/admin-kit"

import { SELECT_CLASS, Settings } from "../../components/shared"
import { messages } from "../../messages"

/** The currency of the programme's amounts (earning unit, minimum spend): the store's. */
const PROGRAMME_CURRENCY = "eur"

/** What the form edits: numbers as typed, so a field may be empty while the merchant types. */
type Draft = {
  points_per_unit: string
  unit_minor: number | null
  rounding: "floor" | "round"
  min_spend_minor: number | null
  redemption_cap_points: string
  excluded_product_ids: string[]
  excluded_category_ids: string
  birthday_points: string
  birthday_message: string
  time_zone: string
  expiry_months: string
  expiry_notice_days: string
}

const toDraft = (s: Settings): Draft => ({
  points_per_unit: String(s.points_per_unit),
  unit_minor: s.unit_minor,
  rounding: s.rounding,
  min_spend_minor: s.min_spend_minor,
  redemption_cap_points: s.redemption_cap_points === null ? "" : String(s.redemption_cap_points),
  excluded_product_ids: s.excluded_product_ids,
  excluded_category_ids: s.excluded_category_ids.join(", "),
  birthday_points: String(s.birthday_points),
  birthday_message: s.birthday_message ?? "",
  time_zone: s.time_zone,
  expiry_months: s.expiry_months === null ? "" : String(s.expiry_months),
  expiry_notice_days: String(s.expiry_notice_days),
})

/** Empty number fields mean "none" where the setting allows null; the server checks every value. */
const fromDraft = (d: Draft): Partial<Settings> => {
  const num = (v: string) => (v.trim() === "" ? Number.NaN : Number(v))
  const orNull = (v: string) => (v.trim() === "" ? null : Number(v))
  return {
    points_per_unit: num(d.points_per_unit),
    unit_minor: d.unit_minor ?? Number.NaN,
    rounding: d.rounding,
    min_spend_minor: d.min_spend_minor ?? Number.NaN,
    redemption_cap_points: orNull(d.redemption_cap_points),
    excluded_product_ids: d.excluded_product_ids,
    excluded_category_ids: d.excluded_category_ids.split(/[\s,]+/).filter(Boolean),
    birthday_points: num(d.birthday_points),
    birthday_message: d.birthday_message.trim() === "" ? null : d.birthday_message,
    time_zone: d.time_zone.trim(),
    expiry_months: orNull(d.expiry_months),
    expiry_notice_days: num(d.expiry_notice_days),
  }
}

/** Only what the merchant changed, so a save never overwrites another admin's change to other settings. */
const toPatch = (d: Draft, saved: Settings): Partial<Settings> =>
  Object.fromEntries(
    Object.entries(fromDraft(d)).filter(([key, value]) => JSON.stringify(value) !== JSON.stringify(saved[key as keyof Settings]))
  ) as Partial<Settings>

/** The earning rule in words, from the saved settings. */
export const EarningRule = ({ settings }: { settings: Settings }) => {
  const t = useT(messages)
  const money = useFormatMoney()
  const formatMinor = (minor: number) => money(minor, PROGRAMME_CURRENCY)
  return (
  <Text className="text-ui-fg-subtle" data-testid="loyalty-earning-rule">
    {t("ruleIntro")} {t("rulePer", { points: settings.points_per_unit, unit: formatMinor(settings.unit_minor) })}{" "}
    {settings.rounding === "floor" ? t("roundDown") : t("roundNearest")}{" "}
    {settings.min_spend_minor > 0 ? t("ruleMinSpend", { amount: formatMinor(settings.min_spend_minor) }) : t("ruleNoMinSpend")}{" "}
    {settings.redemption_cap_points !== null ? t("ruleCap", { points: settings.redemption_cap_points }) : t("ruleNoCap")}
  </Text>
  )
}

const ProductPicker = ({ value, onChange }: { value: string[]; onChange: (ids: string[]) => void }) => {
  const t = useT(messages)
  const [q, setQ] = useState("")
  const [titles, setTitles] = useState<Record<string, string>>({})
  const search = useAdminProducts({ q: q.trim(), limit: 8, fields: "id,title" }, { enabled: q.trim().length >= 2 })
  const known = useAdminProducts({ id: value, limit: value.length || 1, fields: "id,title" }, { enabled: value.length > 0 })
  const found = (search.products ?? []).map((p) => ({ id: p.id ?? "", title: p.title ?? "" }))
  const titleOf = (id: string) => titles[id] ?? known.products?.find((p) => p.id === id)?.title ?? id
  return (
    <div className="flex flex-col gap-1" data-testid="loyalty-excluded-products">
      <Label htmlFor="ly-excl-search">{t("excludedProducts")}</Label>
      <div className="flex flex-wrap gap-1">
        {value.length === 0 && <Text className="text-ui-fg-subtle">{t("none")}</Text>}
        {value.map((id) => (
          <Badge key={id} data-excluded-product={id}>
            {titleOf(id)}{" "}
            <button type="button" aria-label={t("removeItem", { title: titleOf(id) })} onClick={() => onChange(value.filter((v) => v !== id))}>
              ×
            </button>
          </Badge>
        ))}
      </div>
      <Input id="ly-excl-search" placeholder={t("searchExclude")} value={q} onChange={(e) => setQ(e.target.value)} />
      {q.trim().length >= 2 && (
        <div className="flex flex-wrap gap-1">
          {found
            .filter((p) => !value.includes(p.id))
            .map((p) => (
              <Button
                key={p.id}
                type="button"
                size="small"
                variant="transparent"
                onClick={() => {
                  setTitles({ ...titles, [p.id]: p.title })
                  onChange([...value, p.id])
                }}
              >
                + {p.title}
              </Button>
            ))}
          {search.products && search.products.length === 0 && <Text className="text-ui-fg-subtle">{t("noProduct")}</Text>}
        </div>
      )}
    </div>
  )
}

/** All programme settings: earning rate, minimum spend, redemption cap, exclusions, expiry, birthdays, time zone. */
export const SettingsSection = () => {
  const t = useT(messages)
  const query = useAdminCustomQuery<Record<string, never>, { settings: Settings }>("/loyalty/settings", ["loyalty-settings"])
  const save = useAdminCustomPost<Partial<Settings>, { settings: Settings }>("/loyalty/settings", ["loyalty-settings"])
  const [draft, setDraft] = useState<Draft | null>(null)
  useEffect(() => {
    if (query.data && !draft) setDraft(toDraft(query.data.settings))
  }, [query.data, draft])
  if (!draft || !query.data) return <Container className="mb-4">{query.isError ? errorText(query.error) : t("loading")}</Container>
  const saved = query.data.settings
  const field = (key: keyof Draft) => (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) =>
    setDraft({ ...draft, [key]: e.target.value })
  const submit = (e: FormEvent) => {
    e.preventDefault()
    save.mutate(toPatch(draft, saved), { onSuccess: (data) => setDraft(toDraft(data.settings)) })
  }
  const wide = { gridColumn: "1 / -1" }
  return (
    <Container className="mb-4" data-testid="loyalty-settings">
      <Heading level="h2">{t("settings")}</Heading>
      <EarningRule settings={saved} />
      <form onSubmit={submit} className="mt-3" style={{ display: "grid", gridTemplateColumns: "repeat(auto-fill, minmax(16rem, 1fr))", gap: "0.75rem" }}>
        <div><Label htmlFor="ly-ppu">{t("points")}</Label><Input id="ly-ppu" type="number" min={0} value={draft.points_per_unit} onChange={field("points_per_unit")} /></div>
        <div><Label htmlFor="ly-unit">{t("perAmount")}</Label><AmountInput id="ly-unit" currency={PROGRAMME_CURRENCY} value={draft.unit_minor} onChange={(v) => setDraft({ ...draft, unit_minor: v })} /></div>
        <div>
          <Label htmlFor="ly-rounding">{t("rounding")}</Label>
          <select id="ly-rounding" className={SELECT_CLASS} value={draft.rounding} onChange={field("rounding")}>
            <option value="floor">{t("roundingFloor")}</option>
            <option value="round">{t("roundingRound")}</option>
          </select>
        </div>
        <div><Label htmlFor="ly-min">{t("minSpend")}</Label><AmountInput id="ly-min" currency={PROGRAMME_CURRENCY} value={draft.min_spend_minor} onChange={(v) => setDraft({ ...draft, min_spend_minor: v })} /></div>
        <div><Label htmlFor="ly-cap">{t("cap")}</Label><Input id="ly-cap" type="number" min={1} value={draft.redemption_cap_points} onChange={field("redemption_cap_points")} /></div>
        <div><Label htmlFor="ly-tz">{t("timeZone")}</Label><Input id="ly-tz" value={draft.time_zone} onChange={field("time_zone")} placeholder="Europe/Berlin" /></div>
        <div><Label htmlFor="ly-expiry">{t("expiry")}</Label><Input id="ly-expiry" type="number" min={1} value={draft.expiry_months} onChange={field("expiry_months")} /></div>
        <div><Label htmlFor="ly-notice">{t("notice")}</Label><Input id="ly-notice" type="number" min={0} value={draft.expiry_notice_days} onChange={field("expiry_notice_days")} /></div>
        <div><Label htmlFor="ly-birthday">{t("birthdayPoints")}</Label><Input id="ly-birthday" type="number" min={0} value={draft.birthday_points} onChange={field("birthday_points")} /></div>
        <div style={wide}><Label htmlFor="ly-birthday-message">{t("birthdayMessage")}</Label><Textarea id="ly-birthday-message" value={draft.birthday_message} onChange={field("birthday_message")} /></div>
        <div style={wide}><ProductPicker value={draft.excluded_product_ids} onChange={(ids) => setDraft({ ...draft, excluded_product_ids: ids })} /></div>
        <div><Label htmlFor="ly-excl-cat">{t("excludedCategories")}</Label><Input id="ly-excl-cat" value={draft.excluded_category_ids} onChange={field("excluded_category_ids")} /></div>
        <div className="flex items-center gap-2" style={wide}>
          <Button type="submit" variant="secondary" isLoading={save.isLoading}>{t("saveSettings")}</Button>
          {save.isSuccess && <Text data-testid="loyalty-settings-saved">{t("settingsSaved")}</Text>}
          {save.isError && <Text className="text-ui-fg-error" data-testid="loyalty-settings-error">{errorText(save.error)}</Text>}
        </div>
      </form>
    </Container>
  )
}
