import type { RouteConfig } from "@medusajs/admin"
import { ShoppingCart } from "@medusajs/icons"
import { Badge, Button, Container, Heading, Input, Label, Select, Switch, Table, Text, Textarea } from "@medusajs/ui"
import { useAdminCustomPost, useAdminCustomQuery } from "medusa-react"
import { ChangeEvent, FormEvent, useEffect, useState } from "react"

import { currentAdminLocale, formatAmountInput, localizeLink, Money, parseAmount, useAdminLocale } from "@customer-modules/admin-kit"
import type { Json } from "@customer-modules/admin-kit"

import type { ShopDesign as Design, ShopProduct as Product, ShopSettings, ShopTexts } from "../../../types"
import { MESSAGES, ShopLocale } from "../../components/voucher-shop-messages"

type Settings = Json<ShopSettings>
type Texts = NonNullable<ShopTexts[ShopLocale]>
type Sale = {
  id: string
  order_display_id: number | null
  code: string | null
  amount: number
  currency_code: string
  buyer_email: string
  recipient_name: string | null
  deliver_on: string | null
  delivery: "email" | "email_post"
  status: "scheduled" | "sent" | "posted"
}
type Batch = { id: string; name: string; first_serial: string; count: number; loaded: number; created_at: string }
type BlankVoucher = { serial: string; code: string; pin: string }

type ApiError = { response?: { data?: { message?: string } }; message?: string }
const problem = (e: unknown): string => (e as ApiError)?.response?.data?.message ?? (e as ApiError)?.message ?? String(e)
const LOCALES: ShopLocale[] = ["de", "en", "pt"]
const STATUS_COLOR = { scheduled: "orange", sent: "green", posted: "blue" } as const

function useLocale(): [ShopLocale, (l: ShopLocale) => void] {
  const initial = (): ShopLocale => {
    const saved = typeof localStorage !== "undefined" ? localStorage.getItem("cm-admin-locale") : null
    if (saved === "de" || saved === "en" || saved === "pt") return saved
    return currentAdminLocale()
  }
  const [locale, setLocale] = useState<ShopLocale>(initial)
  return [locale, (l) => { localStorage.setItem("cm-admin-locale", l); setLocale(l) }]
}

/** An amount typed in currency units ("12,50" or "12.50"), in minor units; NaN when it is no amount (the server refuses it with 400). */
const toMinor = (value: string, currency: string): number => parseAmount(value, currency) ?? Number.NaN
/** Preset amounts: separated by semicolons, spaces, or a comma and a space ("25, 50"; "12,50; 20"), so a decimal comma stays a decimal comma. */
const PRESET_SEPARATOR = /\s*;\s*|,\s+|\s+/

/** The shop's settings: amounts, postage, send hour, top-up limits and the texts in three languages. */
const SettingsForm = ({ t }: { t: (typeof MESSAGES)["de"] }) => {
  const query = useAdminCustomQuery<Record<string, never>, { settings: Settings }>("/voucher-shop/settings", ["voucher-shop-settings"])
  const save = useAdminCustomPost<Partial<Settings>, { settings: Settings }>("/voucher-shop/settings", ["voucher-shop-settings"])
  const [draft, setDraft] = useState<Record<string, string | boolean>>({})
  const [texts, setTexts] = useState<Partial<Record<ShopLocale, Texts>>>({})
  const uiLocale = useAdminLocale()
  const s = query.data?.settings
  useEffect(() => {
    if (!s) return
    setDraft({
      enabled: s.enabled,
      free_amount: s.free_amount,
      postal_enabled: s.postal_enabled,
      currency_code: s.currency_code,
      min_amount: formatAmountInput(s.min_amount, s.currency_code, uiLocale),
      max_amount: formatAmountInput(s.max_amount, s.currency_code, uiLocale),
      preset_amounts: s.preset_amounts.map((a) => formatAmountInput(a, s.currency_code, uiLocale)).join("; "),
      postal_fee: formatAmountInput(s.postal_fee, s.currency_code, uiLocale),
      send_hour: String(s.send_hour),
      top_up_min: formatAmountInput(s.top_up_min, s.currency_code, uiLocale),
      top_up_max: formatAmountInput(s.top_up_max, s.currency_code, uiLocale),
    })
    setTexts(s.texts)
  }, [s, uiLocale])
  if (!s) return <Text>{query.isError ? problem(query.error) : t.loading}</Text>
  const field = (name: string, label: string, type = "text") => (
    <div>
      <Label htmlFor={`shop-${name}`}>{label}</Label>
      <Input id={`shop-${name}`} type={type} value={String(draft[name] ?? "")} onChange={(e) => setDraft({ ...draft, [name]: e.target.value })} />
    </div>
  )
  const toggle = (name: string, label: string) => (
    <div className="flex items-center gap-2">
      <Switch id={`shop-${name}`} checked={Boolean(draft[name])} onCheckedChange={(v) => setDraft({ ...draft, [name]: v })} />
      <Label htmlFor={`shop-${name}`}>{label}</Label>
    </div>
  )
  const submit = (e: FormEvent) => {
    e.preventDefault()
    const currency = String(draft.currency_code)
    save.mutate({
      enabled: Boolean(draft.enabled),
      free_amount: Boolean(draft.free_amount),
      postal_enabled: Boolean(draft.postal_enabled),
      currency_code: String(draft.currency_code),
      min_amount: toMinor(String(draft.min_amount), currency),
      max_amount: toMinor(String(draft.max_amount), currency),
      preset_amounts: String(draft.preset_amounts)
        .split(PRESET_SEPARATOR)
        .filter(Boolean)
        .map((a) => toMinor(a, currency)),
      postal_fee: toMinor(String(draft.postal_fee), currency),
      send_hour: Number(draft.send_hour),
      top_up_min: toMinor(String(draft.top_up_min), currency),
      top_up_max: toMinor(String(draft.top_up_max), currency),
      texts,
    })
  }
  return (
    <form onSubmit={submit} data-testid="shop-settings" className="flex flex-col gap-3">
      <div className="flex flex-wrap gap-4">
        {toggle("enabled", t.enabled)}
        {toggle("free_amount", t.free_amount)}
        {toggle("postal_enabled", t.postal_enabled)}
      </div>
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
        {field("currency_code", t.currency)}
        {field("min_amount", t.min_amount)}
        {field("max_amount", t.max_amount)}
        {field("preset_amounts", t.presets)}
        {field("postal_fee", t.postal_fee)}
        {field("send_hour", t.send_hour, "number")}
        {field("top_up_min", t.top_up_min)}
        {field("top_up_max", t.top_up_max)}
      </div>
      <Text className="text-ui-fg-subtle">{t.time_zone_note.replace("{zone}", s.time_zone)}</Text>
      <div className="grid grid-cols-1 gap-3 md:grid-cols-3">
        {LOCALES.map((l) => (
          <div key={l} className="flex flex-col gap-2">
            <Heading level="h3">{t.texts_in[l]}</Heading>
            <Label htmlFor={`title-${l}`}>{t.title}</Label>
            <Input id={`title-${l}`} value={texts[l]?.title ?? ""} onChange={(e) => setTexts({ ...texts, [l]: { ...texts[l], title: e.target.value } })} />
            <Label htmlFor={`intro-${l}`}>{t.intro}</Label>
            <Textarea id={`intro-${l}`} value={texts[l]?.intro ?? ""} onChange={(e) => setTexts({ ...texts, [l]: { ...texts[l], intro: e.target.value } })} />
            <Label htmlFor={`terms-${l}`}>{t.terms}</Label>
            <Textarea id={`terms-${l}`} value={texts[l]?.terms ?? ""} onChange={(e) => setTexts({ ...texts, [l]: { ...texts[l], terms: e.target.value } })} />
          </div>
        ))}
      </div>
      <div className="flex items-center gap-3">
        <Button type="submit" isLoading={save.isLoading}>{t.save}</Button>
        {save.isSuccess && <Text data-testid="shop-saved">{t.saved}</Text>}
        {save.isError && <Text className="text-ui-fg-error">{problem(save.error)}</Text>}
      </div>
    </form>
  )
}

/** Designs (motifs) with upload, on/off and a PDF preview of the voucher in that design. */
const Designs = ({ t }: { t: (typeof MESSAGES)["de"] }) => {
  const list = useAdminCustomQuery<Record<string, never>, { designs: Design[] }>("/voucher-shop/designs", ["voucher-shop-designs"])
  const create = useAdminCustomPost<{ name: string; image: string }, { design: Design }>("/voucher-shop/designs", ["voucher-shop-designs"])
  const [name, setName] = useState("")
  const [image, setImage] = useState("")
  const [preview, setPreview] = useState<string | null>(null)
  const pick = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0]
    if (!file) return
    const reader = new FileReader()
    reader.onload = () => setImage(String(reader.result))
    reader.readAsDataURL(file)
  }
  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap gap-3">
        {(list.data?.designs ?? []).map((d) => (
          <DesignCard key={d.id} design={d} t={t} onPreview={() => setPreview(d.id)} />
        ))}
      </div>
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault()
          create.mutate({ name, image }, { onSuccess: () => { setName(""); setImage(""); void list.refetch() } })
        }}
      >
        <div><Label htmlFor="design-name">{t.design_name}</Label><Input id="design-name" value={name} onChange={(e) => setName(e.target.value)} required /></div>
        <div><Label htmlFor="design-file">{t.design_file}</Label><input id="design-file" type="file" accept="image/png,image/jpeg" onChange={pick} /></div>
        <Button type="submit" variant="secondary" disabled={!image} isLoading={create.isLoading}>{t.add_design}</Button>
        {create.isError && <Text className="text-ui-fg-error">{problem(create.error)}</Text>}
      </form>
      {preview && (
        <iframe title={t.preview} data-testid="design-preview" src={`/admin/voucher-shop/designs/${preview}/preview`} className="h-[480px] w-full border" />
      )}
    </div>
  )
}

const DesignCard = ({ design, t, onPreview }: { design: Design; t: (typeof MESSAGES)["de"]; onPreview: () => void }) => {
  const update = useAdminCustomPost<{ active: boolean }, { design: Design }>(`/voucher-shop/designs/${design.id}`, ["voucher-shop-designs"])
  return (
    <div className="flex w-48 flex-col gap-1 rounded border p-2">
      <img src={design.image} alt={design.name} className="h-24 w-full object-cover" />
      <Text>{design.name} {!design.active && <Badge>{t.inactive}</Badge>}</Text>
      <div className="flex gap-1">
        <Button size="small" variant="secondary" onClick={onPreview}>{t.preview}</Button>
        <Button size="small" variant="transparent" onClick={() => update.mutate({ active: !design.active })}>{design.active ? t.deactivate : t.activate}</Button>
      </div>
    </div>
  )
}

/** Product vouchers: a fixed price that redeems as that value. */
const Products = ({ t, locale }: { t: (typeof MESSAGES)["de"]; locale: ShopLocale }) => {
  const list = useAdminCustomQuery<Record<string, never>, { products: Product[] }>("/voucher-shop/products", ["voucher-shop-products"])
  const create = useAdminCustomPost<{ title: Record<ShopLocale, string>; amount: number }, { product: Product }>("/voucher-shop/products", ["voucher-shop-products"])
  const [title, setTitle] = useState<Record<ShopLocale, string>>({ de: "", en: "", pt: "" })
  const [amount, setAmount] = useState("")
  return (
    <div className="flex flex-col gap-2">
      <Table>
        <Table.Body>
          {(list.data?.products ?? []).map((p) => (
            <Table.Row key={p.id}>
              <Table.Cell>{p.title[locale]}</Table.Cell>
              <Table.Cell><Money amount={p.amount} currency="eur" /></Table.Cell>
              <Table.Cell>{p.active ? "" : t.inactive}</Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault()
          create.mutate({ title, amount: toMinor(amount, "eur") }, { onSuccess: () => { setTitle({ de: "", en: "", pt: "" }); setAmount(""); void list.refetch() } })
        }}
      >
        {LOCALES.map((l) => (
          <div key={l}><Label htmlFor={`product-${l}`}>{t.product_title} ({l})</Label><Input id={`product-${l}`} value={title[l]} onChange={(e) => setTitle({ ...title, [l]: e.target.value })} required /></div>
        ))}
        <div><Label htmlFor="product-amount">{t.price}</Label><Input id="product-amount" value={amount} onChange={(e) => setAmount(e.target.value)} required /></div>
        <Button type="submit" variant="secondary" isLoading={create.isLoading}>{t.add_product}</Button>
        {create.isError && <Text className="text-ui-fg-error">{problem(create.error)}</Text>}
      </form>
    </div>
  )
}

/** Online sales with their delivery status; postal ones to post, with the address export and the "posted" mark. */
const Sales = ({ t }: { t: (typeof MESSAGES)["de"] }) => {
  const [toPost, setToPost] = useState(false)
  const list = useAdminCustomQuery<Record<string, string>, { sales: Sale[]; count: number }>(
    `/voucher-shop/sales`,
    ["voucher-shop-sales", String(toPost)],
    toPost ? { to_post: "true" } : {}
  )
  return (
    <div className="flex flex-col gap-2">
      <div className="flex items-center gap-3">
        <Select value={toPost ? "post" : "all"} onValueChange={(v) => setToPost(v === "post")}>
          <Select.Trigger className="w-56"><Select.Value /></Select.Trigger>
          <Select.Content>
            <Select.Item value="all">{t.all_sales}</Select.Item>
            <Select.Item value="post">{t.to_post}</Select.Item>
          </Select.Content>
        </Select>
        <a className="txt-compact-small text-ui-fg-interactive" href="/admin/voucher-shop/sales?to_post=true&format=csv">{t.export_labels}</a>
        <a className="txt-compact-small text-ui-fg-interactive" href={`/admin/voucher-shop/sales/labels?to_post=true&locale=${t.locale_code}`} target="_blank" rel="noreferrer">{t.labels_pdf}</a>
      </div>
      <Table data-testid="shop-sales">
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell>{t.order}</Table.HeaderCell>
            <Table.HeaderCell>{t.buyer}</Table.HeaderCell>
            <Table.HeaderCell>{t.recipient}</Table.HeaderCell>
            <Table.HeaderCell>{t.amount}</Table.HeaderCell>
            <Table.HeaderCell>{t.deliver_on}</Table.HeaderCell>
            <Table.HeaderCell>{t.status}</Table.HeaderCell>
            <Table.HeaderCell />
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {(list.data?.sales ?? []).map((s) => (
            <SaleRow key={s.id} sale={s} t={t} onChange={() => void list.refetch()} />
          ))}
        </Table.Body>
      </Table>
    </div>
  )
}

const SaleRow = ({ sale, t, onChange }: { sale: Sale; t: (typeof MESSAGES)["de"]; onChange: () => void }) => {
  const resend = useAdminCustomPost<Record<string, never>, { resent: boolean }>(`/voucher-shop/sales/${sale.id}/resend`, ["voucher-shop-sales"])
  const posted = useAdminCustomPost<Record<string, never>, { sale: Sale }>(`/voucher-shop/sales/${sale.id}/posted`, ["voucher-shop-sales"])
  return (
    <Table.Row data-sale={sale.id}>
      <Table.Cell>#{sale.order_display_id ?? "–"}</Table.Cell>
      <Table.Cell>{sale.buyer_email}</Table.Cell>
      <Table.Cell>{sale.recipient_name}</Table.Cell>
      <Table.Cell><Money amount={sale.amount} currency={sale.currency_code} /></Table.Cell>
      <Table.Cell>{sale.deliver_on ?? t.now}</Table.Cell>
      <Table.Cell><Badge color={STATUS_COLOR[sale.status]}>{t.statuses[sale.status]}</Badge></Table.Cell>
      <Table.Cell className="flex gap-1">
        <Button size="small" variant="secondary" onClick={() => resend.mutate({}, { onSuccess: onChange })} isLoading={resend.isLoading}>{t.resend}</Button>
        {sale.delivery === "email_post" && sale.status !== "posted" && (
          <Button size="small" variant="secondary" onClick={() => posted.mutate({}, { onSuccess: onChange })} isLoading={posted.isLoading}>{t.mark_posted}</Button>
        )}
      </Table.Cell>
    </Table.Row>
  )
}

/** Blank-voucher batches: serials, codes and PINs shown once for the print sheet. */
const BlankBatches = ({ t }: { t: (typeof MESSAGES)["de"] }) => {
  const list = useAdminCustomQuery<Record<string, never>, { batches: Batch[] }>("/voucher-shop/blank-batches", ["voucher-shop-batches"])
  const create = useAdminCustomPost<{ name: string; currency_code: string; count: number }, { vouchers: BlankVoucher[] }>(
    "/voucher-shop/blank-batches",
    ["voucher-shop-batches"]
  )
  const [name, setName] = useState("")
  const [count, setCount] = useState("50")
  const [sheet, setSheet] = useState<BlankVoucher[]>([])
  return (
    <div className="flex flex-col gap-2">
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault()
          create.mutate({ name, currency_code: "eur", count: Number(count) }, { onSuccess: (r) => { setSheet(r.vouchers); void list.refetch() } })
        }}
      >
        <div><Label htmlFor="batch-name">{t.batch_name}</Label><Input id="batch-name" value={name} onChange={(e) => setName(e.target.value)} required /></div>
        <div><Label htmlFor="batch-count">{t.count}</Label><Input id="batch-count" type="number" min="1" max="1000" value={count} onChange={(e) => setCount(e.target.value)} required /></div>
        <Button type="submit" variant="secondary" isLoading={create.isLoading}>{t.create_batch}</Button>
        {create.isError && <Text className="text-ui-fg-error">{problem(create.error)}</Text>}
      </form>
      {sheet.length > 0 && (
        <div data-testid="blank-sheet">
          <Text>{t.pins_once_sheet}</Text>
          <Button size="small" variant="secondary" onClick={() => window.print()}>{t.print}</Button>
          <Table>
            <Table.Header><Table.Row><Table.HeaderCell>{t.serial}</Table.HeaderCell><Table.HeaderCell>{t.code}</Table.HeaderCell><Table.HeaderCell>PIN</Table.HeaderCell></Table.Row></Table.Header>
            <Table.Body>
              {sheet.map((v) => (
                <Table.Row key={v.serial}><Table.Cell>{v.serial}</Table.Cell><Table.Cell>{v.code}</Table.Cell><Table.Cell>{v.pin}</Table.Cell></Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      )}
      <Table>
        <Table.Body>
          {(list.data?.batches ?? []).map((b) => (
            <Table.Row key={b.id}>
              <Table.Cell>{b.name}</Table.Cell>
              <Table.Cell>{b.first_serial} – {Number(b.first_serial) + b.count - 1}</Table.Cell>
              <Table.Cell>{t.loaded.replace("{n}", String(b.loaded)).replace("{m}", String(b.count))}</Table.Cell>
              <Table.Cell>
                <a className="txt-compact-small text-ui-fg-interactive" href={`/admin/voucher-shop/blank-batches/${b.id}/sheet?locale=${t.locale_code}`} download>{t.print_sheet}</a>
              </Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </div>
  )
}

const VoucherShopPage = () => {
  // The page speaks the admin's language; the select picks the language of the shop's own texts shown here.
  const [locale, setLocale] = useLocale()
  const t = MESSAGES[useAdminLocale()]
  return (
    <div className="flex flex-col gap-4">
      <Container className="flex items-start justify-between">
        <div>
          <Heading level="h1">{t.heading}</Heading>
          <Text className="text-ui-fg-subtle">{t.intro_text}</Text>
          <a className="txt-compact-small text-ui-fg-interactive" href={`/embed/vouchers?locale=${locale}`} target="_blank" rel="noreferrer">{t.open_shop}</a>
        </div>
        <Select value={locale} onValueChange={(v) => setLocale(v as ShopLocale)}>
          <Select.Trigger className="w-32" aria-label={t.language}><Select.Value /></Select.Trigger>
          <Select.Content>
            <Select.Item value="de">Deutsch</Select.Item>
            <Select.Item value="en">English</Select.Item>
            <Select.Item value="pt">Português</Select.Item>
          </Select.Content>
        </Select>
      </Container>
      <Container><Heading level="h2">{t.settings}</Heading><SettingsForm t={t} /></Container>
      <Container><Heading level="h2">{t.designs}</Heading><Designs t={t} /></Container>
      <Container><Heading level="h2">{t.products}</Heading><Products t={t} locale={locale} /></Container>
      <Container><Heading level="h2">{t.sales}</Heading><Sales t={t} /></Container>
      <Container><Heading level="h2">{t.blank}</Heading><BlankBatches t={t} /></Container>
    </div>
  )
}

export const config: RouteConfig = {
  link: {
    label: "Voucher shop",
    icon: ShoppingCart,
  },
}

// The sidebar link in the admin's language (the literal above is what the admin build checks).
localizeLink(config, { de: "Gutschein-Shop", en: "Voucher shop", pt: "Loja de vales" })

export default VoucherShopPage
