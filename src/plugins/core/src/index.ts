export { DomainError, isDomainError } from "./errors"
export { withTimeout } from "./utils/with-timeout"
export type { CustomerModule, CustomerModuleManifest, HealthReporter, ModuleHealth } from "./types"
export { amountMinor, currencyCode, describeIssues, reference } from "./schemas"
