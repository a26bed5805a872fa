import type { RouteConfig } from "@medusajs/admin"
import { PuzzleSolid } from "@medusajs/icons"
import { Badge, Container, Heading, Table, Text } from "@medusajs/ui"
import { useAdminCustomQuery } from "medusa-react"

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
  const { data, isLoading, isError, error } = useAdminCustomQuery<
    Record<string, never>,
    { modules: CustomerModule[] }
  >("/customer-modules", ["customer-modules"])

  return (
    <Container>
      <Heading level="h1">Customer modules</Heading>
      <Text className="text-ui-fg-subtle mb-4">
        The customer modules installed on this server, their version and their health.
      </Text>
      {isLoading && <Text>Loading…</Text>}
      {isError && <Text className="text-ui-fg-error">Could not load the modules: {String((error as Error)?.message ?? error)}</Text>}
      {data && (
        <Table data-testid="customer-modules">
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>Module</Table.HeaderCell>
              <Table.HeaderCell>Package</Table.HeaderCell>
              <Table.HeaderCell>Version</Table.HeaderCell>
              <Table.HeaderCell>Health</Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {data.modules.map((m) => (
              <Table.Row key={m.name} data-module={m.name}>
                <Table.Cell>
                  <div className="font-medium">{m.title}</div>
                  {m.summary && <div className="text-ui-fg-subtle">{m.summary}</div>}
                </Table.Cell>
                <Table.Cell>{m.name}</Table.Cell>
                <Table.Cell>{m.version}</Table.Cell>
                <Table.Cell>
                  <Badge color={m.health.status === "ok" ? "green" : "red"} title={m.health.detail}>
                    {m.health.status}
                  </Badge>
                  {m.health.detail && <div className="text-ui-fg-subtle">{m.health.detail}</div>}
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
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

export default CustomerModulesPage
