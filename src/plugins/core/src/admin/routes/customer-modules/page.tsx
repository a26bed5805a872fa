import type { RouteConfig } from "@medusajs/admin"
import { PuzzleSolid } from "@medusajs/icons"
import { Badge, Container, Heading, Text } from "@medusajs/ui"
import { useAdminCustomQuery } from "medusa-react"

import { EmptyState, errorText, localizeLink, PagedTable, useT } from "@customer-modules/admin-kit"

import { messages } from "./messages"

type ModuleHealth = { status: "ok" | "failing"; detail?: string }
type CustomerModule = {
  name: string
  title: string
  summary: string | null
  version: string
  health: ModuleHealth
}

/** The "Customer modules" page: what is installed, in which version, and whether it is healthy. */
const CustomerModulesPage = () => {
  const t = useT(messages)
  const { data, isLoading, isError, error } = useAdminCustomQuery<Record<string, never>, { modules: CustomerModule[] }>("/customer-modules", [
    "customer-modules",
  ])

  return (
    <Container>
      <Heading level="h1">{t("title")}</Heading>
      <Text className="text-ui-fg-subtle mb-4">{t("intro")}</Text>
      {isLoading && <Text>{t("loading")}</Text>}
      {isError && <Text className="text-ui-fg-error">{t("loadFailed", { error: errorText(error) })}</Text>}
      {data && (
        <PagedTable
          data-testid="customer-modules"
          rows={data.modules}
          rowKey={(m) => m.name}
          rowProps={(m) => ({ "data-module": m.name })}
          empty={<EmptyState title={t("none")} hint={t("noneHint")} />}
          columns={[
            {
              key: "module",
              header: t("module"),
              cell: (m) => (
                <>
                  <div className="font-medium">{m.title}</div>
                  {m.summary && <div className="text-ui-fg-subtle">{m.summary}</div>}
                </>
              ),
            },
            { key: "package", header: t("package"), cell: (m) => m.name },
            { key: "version", header: t("version"), cell: (m) => m.version },
            {
              key: "health",
              header: t("health"),
              cell: (m) => (
                <>
                  <Badge color={m.health.status === "ok" ? "green" : "red"} title={m.health.detail}>
                    {t(`health_${m.health.status}`)}
                  </Badge>
                  {m.health.detail && <div className="text-ui-fg-subtle">{m.health.detail}</div>}
                </>
              ),
            },
          ]}
        />
      )}
    </Container>
  )
}

export const config: RouteConfig = {
  link: {
    label: "Customer modules",
    icon: PuzzleSolid,
  },
}

// The sidebar link in the admin's language (the literal above is what the admin build checks).
localizeLink(config, { de: "Kundenmodule", en: "Customer modules", pt: "Módulos de cliente" })

export default CustomerModulesPage
