/**
 * The shared admin kit: every plugin's admin pages import their language, money,
 * amount fields, error text, idempotent posts, confirmation dialogs, empty states,
 * paged tables, date ranges and charts from here (see README, "Adding a plugin").
 */
export { ADMIN_LOCALES, currentAdminLocale, defineMessages, localizeLink, interpolate, missingTranslations, toAdminLocale, translate, useAdminLocale, useT } from "./locale"
export type { AdminLocale, Messages, Vars } from "./locale"
export { formatAmountInput, formatAmountNumber, formatMoney, minorDigits, parseAmount } from "./money"
export type { ParseAmountOptions } from "./money"
export { errorStatus, errorText, errorType } from "./errors"
export { newIdempotencyKey, useAdminPost } from "./post"
export type { AdminPost, AdminPostOptions } from "./post"
export { AmountInput, ChartFrame, ConfirmButton, DateRangePicker, EmptyState, Money, PagedTable, PageHeader, toDateInput, useFormatMoney, useTransactionTypeLabel } from "./components"
export type {
  AmountInputProps,
  ChartFrameProps,
  ChartSeries,
  Column,
  ConfirmButtonProps,
  DateRange,
  DateRangePickerProps,
  EmptyStateProps,
  MoneyProps,
  PagedTableProps,
  PageHeaderProps,
} from "./components"
export { kitMessages, transactionTypeMessages } from "./messages"
export type { Json } from "./json"
