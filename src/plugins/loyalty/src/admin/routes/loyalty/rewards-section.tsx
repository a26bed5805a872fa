import { Badge, Button, Container, Heading, Input, Label, Table, Text } from "@medusajs/ui"
import { useAdminCustomPost, useAdminCustomQuery, useAdminProducts } from "medusa-react"
import { FormEvent, useState } from "react"

import { AmountInput, ConfirmButton, EmptyState, errorText, formatAmountInput, useAdminLocale, useFormatMoney, useT } from "@customer-modules/admin-kit"

import { Reward, SELECT_CLASS, useFormPost } from "../../components/shared"
import { messages } from "../../messages"

type NewReward =
  | { title: string; points: number; kind: "discount"; discount_amount: number; currency_code: string }
  | { title: string; points: number; kind: "product_variant"; variant_id: string }

/** Variant search over /admin/products?q=…&expand=variants. */
const VariantPicker = ({ value, onChange }: { value: { id: string; label: string } | null; onChange: (v: { id: string; label: string } | null) => void }) => {
  const t = useT(messages)
  const [q, setQ] = useState("")
  const search = useAdminProducts({ q: q.trim(), limit: 8, expand: "variants", fields: "id,title" }, { enabled: q.trim().length >= 2 })
  if (value) {
    return (
      <div className="flex items-center gap-1" data-testid="loyalty-reward-variant">
        <Badge>{value.label}</Badge>
        <Button type="button" size="small" variant="transparent" onClick={() => onChange(null)}>{t("change")}</Button>
      </div>
    )
  }
  return (
    <div className="flex flex-col gap-1">
      <Input id="ly-rw-variant" placeholder={t("searchProduct")} value={q} onChange={(e) => setQ(e.target.value)} />
      <div className="flex flex-wrap gap-1">
        {(search.products ?? []).flatMap((p) =>
          (p.variants ?? []).map((v) => {
            const label = (p.variants ?? []).length > 1 ? `${p.title ?? ""} – ${v.title ?? ""}` : (p.title ?? "")
            return (
              <Button key={v.id} type="button" size="small" variant="transparent" onClick={() => onChange({ id: v.id ?? "", label })}>
                + {label}
              </Button>
            )
          })
        )}
      </div>
    </div>
  )
}

const RewardRow = ({ reward }: { reward: Reward }) => {
  const t = useT(messages)
  const update = useAdminCustomPost<{ active: boolean }, { reward: Reward }>(`/loyalty/rewards/${reward.id}`, ["loyalty-rewards"])
  const money = useFormatMoney()
  const what =
    reward.kind === "discount" ? t("givesDiscount", { amount: money(reward.discount_amount ?? 0, reward.currency_code ?? "eur") }) : t("givesVariant", { id: reward.variant_id ?? "" })
  return (
    <Table.Row data-loyalty-reward={reward.id}>
      <Table.Cell>{reward.title}</Table.Cell>
      <Table.Cell>{reward.points}</Table.Cell>
      <Table.Cell>{what}</Table.Cell>
      <Table.Cell><Badge color={reward.active ? "green" : "grey"}>{reward.active ? t("offered") : t("withdrawn")}</Badge></Table.Cell>
      <Table.Cell>
        {reward.active ? (
          <ConfirmButton
            size="small"
            variant="secondary"
            isLoading={update.isLoading}
            onConfirm={() => update.mutate({ active: false })}
            title={t("withdrawRewardTitle", { title: reward.title })}
            description={t("withdrawRewardText")}
            confirmLabel={t("withdraw")}
          >
            {t("withdraw")}
          </ConfirmButton>
        ) : (
          <Button size="small" variant="secondary" isLoading={update.isLoading} onClick={() => update.mutate({ active: true })}>
            {t("offerAgain")}
          </Button>
        )}
        {update.isError && <Text className="text-ui-fg-error">{errorText(update.error)}</Text>}
      </Table.Cell>
    </Table.Row>
  )
}

/** The reward catalogue: a fixed discount or a product, offered or withdrawn. */
export const RewardsSection = () => {
  const t = useT(messages)
  const locale = useAdminLocale()
  const list = useAdminCustomQuery<Record<string, never>, { rewards: Reward[] }>("/loyalty/rewards", ["loyalty-rewards"])
  const [kind, setKind] = useState<"discount" | "product_variant">("discount")
  const [title, setTitle] = useState("")
  const [points, setPoints] = useState("")
  const [amount, setAmount] = useState<number | null>(null)
  const [currency, setCurrency] = useState("eur")
  const [variant, setVariant] = useState<{ id: string; label: string } | null>(null)
  const state = useFormPost()
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    let body: NewReward
    if (kind === "discount") {
      const minor = amount
      if (minor === null || minor <= 0) return state.refuse(t("badDiscount", { example: formatAmountInput(350, "eur", locale) }))
      body = { title, points: Number(points), kind, discount_amount: minor, currency_code: currency.trim().toLowerCase() }
    } else {
      if (!variant) return state.refuse(t("pickProduct"))
      body = { title, points: Number(points), kind, variant_id: variant.id }
    }
    if (await state.post("/loyalty/rewards", body)) {
      setTitle("")
      setPoints("")
      setAmount(null)
      setVariant(null)
      list.refetch()
    }
  }
  return (
    <Container className="mb-4">
      <Heading level="h2">{t("rewards")}</Heading>
      <Table className="my-2" data-testid="loyalty-rewards">
        <Table.Header>
          <Table.Row><Table.HeaderCell>{t("reward")}</Table.HeaderCell><Table.HeaderCell>{t("points")}</Table.HeaderCell><Table.HeaderCell>{t("gives")}</Table.HeaderCell><Table.HeaderCell>{t("status")}</Table.HeaderCell><Table.HeaderCell></Table.HeaderCell></Table.Row>
        </Table.Header>
        <Table.Body>{(list.data?.rewards ?? []).map((r) => <RewardRow key={r.id} reward={r} />)}</Table.Body>
      </Table>
      {list.data && list.data.rewards.length === 0 && <EmptyState title={t("noRewards")} hint={t("noRewardsHint")} />}
      <form onSubmit={submit} className="flex flex-wrap items-end gap-2">
        <div>
          <Label htmlFor="ly-rw-kind">{t("kind")}</Label>
          <select id="ly-rw-kind" className={SELECT_CLASS} value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
            <option value="discount">{t("fixedDiscount")}</option>
            <option value="product_variant">{t("product")}</option>
          </select>
        </div>
        <div><Label htmlFor="ly-rw-title">{t("rewardTitle")}</Label><Input id="ly-rw-title" value={title} onChange={(e) => setTitle(e.target.value)} required /></div>
        <div><Label htmlFor="ly-rw-points">{t("points")}</Label><Input id="ly-rw-points" type="number" min={1} value={points} onChange={(e) => setPoints(e.target.value)} required /></div>
        {kind === "discount" ? (
          <>
            <div><Label htmlFor="ly-rw-amount">{t("discount")}</Label><AmountInput id="ly-rw-amount" currency={/^[a-z]{3}$/i.test(currency.trim()) ? currency.trim() : "eur"} value={amount} onChange={setAmount} placeholder={formatAmountInput(350, "eur", locale)} required /></div>
            <div><Label htmlFor="ly-rw-currency">{t("currency")}</Label><Input id="ly-rw-currency" value={currency} onChange={(e) => setCurrency(e.target.value)} maxLength={3} required /></div>
          </>
        ) : (
          <div><Label htmlFor="ly-rw-variant">{t("product")}</Label><VariantPicker value={variant} onChange={setVariant} /></div>
        )}
        <Button type="submit" variant="secondary" isLoading={state.loading}>{t("addReward")}</Button>
      </form>
      {state.error && <Text className="text-ui-fg-error" data-testid="loyalty-reward-error">{state.error}</Text>}
    </Container>
  )
}
