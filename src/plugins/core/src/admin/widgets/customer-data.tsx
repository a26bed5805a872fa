import type { CustomerDetailsWidgetProps, WidgetConfig } from "@medusajs/admin"
import { Button, Container, Heading, Input, Label, Text } from "@medusajs/ui"
import { useState } from "react"

import { ConfirmButton, errorText, useAdminLocale, useAdminPost, useT } from "@customer-modules/admin-kit"

import { messages } from "../customer-data/messages"

type Label3 = { de: string; en: string; pt: string }
type Erasure = { id: string; erased_at: string; sections: { plugin: string; label: Label3; retained: { what: string; count?: number; reason: Label3 }[] }[] }

/** On the customer page: the customer's data as a JSON file, and the erasure of their personal data behind a typed confirmation. */
const CustomerDataWidget = ({ customer }: CustomerDetailsWidgetProps) => {
  const t = useT(messages)
  const locale = useAdminLocale()
  const erase = useAdminPost<{ confirmation: string }, { erasure: Erasure }>(`/customer-data/${customer.id}/erase`)
  const [typed, setTyped] = useState("")
  const [message, setMessage] = useState<string | null>(null)
  const email = customer.email ?? ""
  const erasedAlready = email.startsWith("erased+") && email.endsWith("@invalid")
  const matches = typed.trim().toLowerCase() === email.trim().toLowerCase() && email !== ""
  const erasure = erase.data?.erasure
  const run = () => {
    if (!matches) {
      setMessage(t("mismatch"))
      return
    }
    setMessage(null)
    void erase.mutate({ confirmation: typed }, { onError: (err) => setMessage(t("failed", { error: errorText(err) })) })
  }
  return (
    <Container data-testid="customer-data-widget">
      <Heading level="h2">{t("title")}</Heading>
      <Text className="text-ui-fg-subtle my-2">{t("intro")}</Text>
      <Button variant="secondary" size="small" asChild>
        <a href={`/admin/customer-data/${customer.id}/export`} download data-testid="customer-data-export">
          {t("export")}
        </a>
      </Button>
      {!erasedAlready && !erasure && (
        <div className="mt-4 flex flex-col gap-2">
          <Heading level="h3">{t("eraseHeading")}</Heading>
          <Label htmlFor="customer-data-confirm">{t("confirmLabel")}</Label>
          <Text className="text-ui-fg-subtle">{t("eraseHint", { email })}</Text>
          <Input id="customer-data-confirm" value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" />
          <div>
            <ConfirmButton
              size="small"
              disabled={!matches}
              isLoading={erase.isLoading}
              title={t("eraseTitle")}
              description={t("eraseDescription")}
              confirmLabel={t("eraseConfirm")}
              onConfirm={run}
              data-testid="customer-data-erase"
            >
              {t("erase")}
            </ConfirmButton>
          </div>
        </div>
      )}
      {erasure && (
        <div className="mt-4" data-testid="customer-data-erased">
          <Text>{t("erased", { date: new Date(erasure.erased_at).toLocaleString(locale) })}</Text>
          <Text className="text-ui-fg-subtle">{t("kept")}</Text>
          <ul className="list-disc pl-5">
            {erasure.sections.flatMap((s) =>
              s.retained.map((r) => (
                <li key={`${s.plugin}-${r.what}`}>
                  <Text>
                    {s.label[locale]}: {r.reason[locale]}
                    {r.count !== undefined ? ` (${r.count})` : ""}
                  </Text>
                </li>
              ))
            )}
          </ul>
        </div>
      )}
      {message && <Text className="text-ui-fg-error mt-2">{message}</Text>}
    </Container>
  )
}

export const config: WidgetConfig = {
  zone: "customer.details.after",
}

export default CustomerDataWidget
