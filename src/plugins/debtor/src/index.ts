import DebtorInvoiceService from "./services/debtor-invoice"

/** The debtor plugin's events, for subscribers outside it (src/subscribers/). */
export const DebtorInvoiceEvents = DebtorInvoiceService.Events
export type { default as DebtorInvoiceService } from "./services/debtor-invoice"
export type { default as DebtorAccountService, CustomerAccountView, AccountMovement } from "./services/debtor-account"
export type { default as DebtorDocumentService } from "./services/debtor-document"
export type { default as DebtorReminderService } from "./services/debtor-reminder"
export type { default as DebtorStatementService } from "./services/debtor-statement"
export type { default as DebtorSettingsService } from "./services/debtor-settings"
export type { DebtorCustomer } from "./utils/customers"
export type * from "./types"
export { invoiceTotals } from "./utils/totals"
export type { InvoiceLine, InvoiceLineInput, TaxGroup, Totals } from "./utils/totals"
