/** The kit's components, on top of Medusa's UI, speaking the admin's language. */
import { Button, Container, Heading, Input, Label, Prompt, Table, Text } from "@medusajs/ui"
import type { ComponentProps, HTMLAttributes, ReactNode } from "react"
import { useEffect, useRef, useState } from "react"
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts"

import { useAdminLocale, useT } from "./locale"
import { kitMessages, transactionTypeMessages } from "./messages"
import { formatAmountInput, formatMoney, parseAmount } from "./money"

const join = (...classes: (string | false | null | undefined)[]) => classes.filter(Boolean).join(" ")

/** `(minor, currency) => "12,50 EUR"` in the admin's language, for texts that hold an amount. */
export function useFormatMoney(): (minor: number, currency: string) => string {
  const locale = useAdminLocale()
  return (minor, currency) => formatMoney(minor, currency, locale)
}

export type MoneyProps = { amount: number; currency: string } & HTMLAttributes<HTMLSpanElement>

/** An amount in minor units as the merchant reads it ("12,50 EUR"), never broken over two lines. */
export const Money = ({ amount, currency, className, ...rest }: MoneyProps) => {
  const locale = useAdminLocale()
  return (
    <span className={join("whitespace-nowrap", className)} {...rest}>
      {formatMoney(amount, currency, locale)}
    </span>
  )
}

export type AmountInputProps = Omit<ComponentProps<typeof Input>, "value" | "defaultValue" | "onChange" | "type"> & {
  /** The currency of the amount (its minor digits and the code shown beside the field). */
  currency: string
  /** The amount in minor units; null for an empty (or not yet valid) field. */
  value: number | null
  /** Called with minor units on every change; null while the text is not an amount. */
  onChange: (minor: number | null) => void
  /** Accept a leading minus. */
  negative?: boolean
}

/**
 * An amount field in currency units: the merchant types "12,50" or "12.50", the form
 * gets 1250. Text that is not an amount in the currency marks the field invalid, so the
 * browser refuses to submit the form, and says how to type it.
 */
export const AmountInput = ({ currency, value, onChange, negative, className, ...input }: AmountInputProps) => {
  const locale = useAdminLocale()
  const t = useT(kitMessages)
  const ref = useRef<HTMLInputElement>(null)
  const [text, setText] = useState(() => (value === null ? "" : formatAmountInput(value, currency, locale)))
  // The value changed from outside (reset after a submit, a loaded setting): show it.
  useEffect(() => {
    if (parseAmount(text, currency, { negative }) !== value) {
      setText(value === null ? "" : formatAmountInput(value, currency, locale))
    }
    // Only a change of the value from outside resets the text (not the merchant's typing).
  }, [value, currency])
  const invalid = text.trim() !== "" && parseAmount(text, currency, { negative }) === null
  const message = invalid ? t("notAnAmount", { currency: currency.toUpperCase(), example: formatAmountInput(1250, currency, locale) }) : ""
  useEffect(() => {
    ref.current?.setCustomValidity(message)
  }, [message])
  return (
    <div className={join("flex flex-col gap-1", className)}>
      <div className="flex items-center gap-2">
        <Input
          {...input}
          ref={ref}
          type="text"
          inputMode="decimal"
          autoComplete="off"
          value={text}
          aria-invalid={invalid || undefined}
          title={message || undefined}
          onChange={(e) => {
            setText(e.target.value)
            onChange(parseAmount(e.target.value, currency, { negative }))
          }}
        />
        <span className="text-ui-fg-subtle txt-compact-small">{currency.toUpperCase()}</span>
      </div>
      {invalid && (
        <span role="alert" className="text-ui-fg-error txt-compact-xsmall">
          {message}
        </span>
      )}
    </div>
  )
}

export type ConfirmButtonProps = Omit<ComponentProps<typeof Button>, "onClick" | "title"> & {
  /** What happens once the merchant confirms. */
  onConfirm: () => unknown
  /** The question ("Block this card?"); default "Are you sure?". */
  title?: string
  /** What the action does and whether it can be undone. */
  description: string
  /** The confirming button's label (say the action: "Block card"). */
  confirmLabel?: string
  cancelLabel?: string
}

/** A button that asks before it acts: destructive or irreversible actions go through it. */
export const ConfirmButton = ({ onConfirm, title, description, confirmLabel, cancelLabel, variant = "danger", children, ...button }: ConfirmButtonProps) => {
  const t = useT(kitMessages)
  const [open, setOpen] = useState(false)
  return (
    <Prompt open={open} onOpenChange={setOpen} variant={variant === "danger" ? "danger" : "confirmation"}>
      <Prompt.Trigger asChild>
        <Button type="button" variant={variant} {...button}>
          {children}
        </Button>
      </Prompt.Trigger>
      <Prompt.Content>
        <Prompt.Header>
          <Prompt.Title>{title ?? t("confirmTitle")}</Prompt.Title>
          <Prompt.Description>{description}</Prompt.Description>
        </Prompt.Header>
        <Prompt.Footer>
          <Prompt.Cancel>{cancelLabel ?? t("cancel")}</Prompt.Cancel>
          <Prompt.Action
            onClick={() => {
              setOpen(false)
              void onConfirm()
            }}
          >
            {confirmLabel ?? t("confirm")}
          </Prompt.Action>
        </Prompt.Footer>
      </Prompt.Content>
    </Prompt>
  )
}

export type EmptyStateProps = {
  /** What is missing ("No vouchers yet"). */
  title: string
  /** What to do first ("Sell one at a till or create one below"). */
  hint?: string
  /** A button or link for that first step. */
  action?: ReactNode
} & Omit<HTMLAttributes<HTMLDivElement>, "title">

/** The place of a list with nothing in it: says what is missing and what to do first. */
export const EmptyState = ({ title, hint, action, className, ...rest }: EmptyStateProps) => (
  <div className={join("border-ui-border-base my-2 flex flex-col items-center gap-2 rounded-lg border border-dashed px-6 py-8 text-center", className)} {...rest}>
    <Text weight="plus">{title}</Text>
    {hint && <Text className="text-ui-fg-subtle">{hint}</Text>}
    {action}
  </div>
)

export type PageHeaderProps = { title: ReactNode; intro?: ReactNode; children?: ReactNode }

/** The head of one of our admin pages: its title (h1), a line on what the page is for, and what belongs with them (tabs, a search, a load error). */
export const PageHeader = ({ title, intro, children }: PageHeaderProps) => (
  <Container className="mb-4">
    <Heading level="h1">{title}</Heading>
    {intro && <Text className="text-ui-fg-subtle">{intro}</Text>}
    {children}
  </Container>
)

export type Column<T> = {
  key: string
  header: ReactNode
  cell: (row: T) => ReactNode
  className?: string
}

type RowAttributes = HTMLAttributes<HTMLTableRowElement> & { [data: `data-${string}`]: string | number | undefined }

export type PagedTableProps<T> = {
  columns: Column<T>[]
  rows: T[]
  rowKey: (row: T) => string
  /** Rows per page (default 50). */
  pageSize?: number
  /** Server paging: the total count, the page shown and the page change. Without them the table pages `rows` itself. */
  count?: number
  pageIndex?: number
  onPageChange?: (pageIndex: number) => void
  /** Shown instead of the body when there are no rows (an EmptyState). */
  empty?: ReactNode
  isLoading?: boolean
  /** Attributes of a row (data-* for tests, onClick, className). */
  rowProps?: (row: T) => RowAttributes
  className?: string
  "data-testid"?: string
}

/** A table with paging (Medusa's pagination, translated) and an empty state. */
export function PagedTable<T>({ columns, rows, rowKey, pageSize = 50, count, pageIndex, onPageChange, empty, isLoading, rowProps, className, ...rest }: PagedTableProps<T>) {
  const t = useT(kitMessages)
  const serverPaged = onPageChange !== undefined
  const [ownPage, setOwnPage] = useState(0)
  const total = serverPaged ? (count ?? rows.length) : rows.length
  const pageCount = Math.max(1, Math.ceil(total / pageSize))
  const page = Math.min(serverPaged ? (pageIndex ?? 0) : ownPage, pageCount - 1)
  const shown = serverPaged ? rows : rows.slice(page * pageSize, (page + 1) * pageSize)
  const go = (next: number) => (serverPaged ? onPageChange(next) : setOwnPage(next))
  return (
    <div className="my-2">
      <Table className={className} data-testid={rest["data-testid"]}>
        <Table.Header>
          <Table.Row>
            {columns.map((c) => (
              <Table.HeaderCell key={c.key} className={c.className}>
                {c.header}
              </Table.HeaderCell>
            ))}
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {shown.map((row) => (
            <Table.Row key={rowKey(row)} {...rowProps?.(row)}>
              {columns.map((c) => (
                <Table.Cell key={c.key} className={c.className}>
                  {c.cell(row)}
                </Table.Cell>
              ))}
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
      {shown.length === 0 && isLoading && <Text className="text-ui-fg-subtle my-2">{t("loading")}</Text>}
      {shown.length === 0 && !isLoading && empty}
      {total > pageSize && (
        <Table.Pagination
          count={total}
          pageSize={pageSize}
          pageIndex={page}
          pageCount={pageCount}
          canPreviousPage={page > 0}
          canNextPage={page < pageCount - 1}
          previousPage={() => go(page - 1)}
          nextPage={() => go(page + 1)}
          translations={{ of: t("of"), results: t("results"), pages: t("pages"), prev: t("prev"), next: t("next") }}
        />
      )}
    </div>
  )
}

/** A local calendar day (YYYY-MM-DD) of an instant in the browser's time zone, for date inputs. */
export function toDateInput(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0")
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

/** Local days as date inputs hold them; "" leaves that end open. */
export type DateRange = { from: string; to: string }

export type DateRangePickerProps = {
  value: DateRange
  onChange: (range: DateRange) => void
  /** The inputs' ids are `${id}-from` and `${id}-to`. */
  id: string
  fromLabel?: string
  toLabel?: string
  /** `to` is the first day after the range (the API's half-open interval); presets then end one day later. */
  endExclusive?: boolean
  /** Preset buttons (this month, last month, last 30 days, this year); default shown. */
  presets?: boolean
  required?: boolean
  className?: string
}

/** Two date inputs and presets for a period of local days. */
export const DateRangePicker = ({ value, onChange, id, fromLabel, toLabel, endExclusive, presets = true, required, className }: DateRangePickerProps) => {
  const t = useT(kitMessages)
  const range = (from: Date, lastDay: Date): DateRange => {
    const end = new Date(lastDay)
    if (endExclusive) end.setDate(end.getDate() + 1)
    return { from: toDateInput(from), to: toDateInput(end) }
  }
  const today = new Date()
  const y = today.getFullYear()
  const m = today.getMonth()
  const choices: [string, DateRange][] = [
    [t("thisMonth"), range(new Date(y, m, 1), new Date(y, m + 1, 0))],
    [t("lastMonth"), range(new Date(y, m - 1, 1), new Date(y, m, 0))],
    [t("last30"), range(new Date(y, m, today.getDate() - 29), today)],
    [t("thisYear"), range(new Date(y, 0, 1), new Date(y, 11, 31))],
  ]
  return (
    <div className={join("flex flex-wrap items-end gap-2", className)}>
      <div>
        <Label htmlFor={`${id}-from`}>{fromLabel ?? t("from")}</Label>
        <Input id={`${id}-from`} type="date" value={value.from} required={required} onChange={(e) => onChange({ ...value, from: e.target.value })} />
      </div>
      <div>
        <Label htmlFor={`${id}-to`}>{toLabel ?? t("to")}</Label>
        <Input id={`${id}-to`} type="date" value={value.to} required={required} onChange={(e) => onChange({ ...value, to: e.target.value })} />
      </div>
      {presets &&
        choices.map(([label, r]) => (
          <Button key={label} type="button" size="small" variant={r.from === value.from && r.to === value.to ? "primary" : "transparent"} onClick={() => onChange(r)}>
            {label}
          </Button>
        ))}
    </div>
  )
}

export type ChartSeries = { key: string; name: string; color: string }

export type ChartFrameProps = {
  /** Rows of the chart, one per point on the x axis. */
  data: object[]
  xKey: string
  series: ChartSeries[]
  /** Bars (default) or lines. */
  kind?: "bar" | "line"
  height?: number
  title?: string
  description?: ReactNode
  /** Shown instead of the chart when there are no rows (default: "nothing for this period yet"). */
  empty?: ReactNode
  /** The y axis and tooltip values as text (money, percent); default whole numbers. */
  formatValue?: (value: number) => string
  "data-testid"?: string
}

/** One chart frame for every chart: heading, grid, axis, tooltip, legend for several series, no animation. */
export const ChartFrame = ({ data, xKey, series, kind = "bar", height = 260, title, description, empty, formatValue, ...rest }: ChartFrameProps) => {
  const t = useT(kitMessages)
  const format = formatValue ? (v: unknown) => (typeof v === "number" ? formatValue(v) : String(v)) : undefined
  // An array, not a fragment: recharts looks for its parts among the chart's direct children.
  const axes = [
    <CartesianGrid key="grid" strokeDasharray="3 3" vertical={false} />,
    <XAxis key="x" dataKey={xKey} />,
    <YAxis key="y" allowDecimals={false} tickFormatter={format} />,
    <Tooltip key="tooltip" formatter={format} />,
    ...(series.length > 1 ? [<Legend key="legend" />] : []),
  ]
  return (
    <div className="my-2">
      {title && <Text weight="plus">{title}</Text>}
      {description && <Text className="text-ui-fg-subtle">{description}</Text>}
      {data.length === 0 && empty !== undefined ? (
        empty
      ) : (
        <div data-testid={rest["data-testid"]} style={{ width: "100%", height }}>
          {data.length === 0 ? (
            <Text className="text-ui-fg-subtle">{t("noData")}</Text>
          ) : (
            <ResponsiveContainer width="100%" height="100%">
              {kind === "line" ? (
                <LineChart data={data} margin={{ top: 10, right: 10, bottom: 0, left: 0 }}>
                  {axes}
                  {series.map((s) => (
                    <Line key={s.key} type="monotone" dataKey={s.key} name={s.name} stroke={s.color} isAnimationActive={false} />
                  ))}
                </LineChart>
              ) : (
                <BarChart data={data} margin={{ top: 10, right: 10, bottom: 0, left: 0 }}>
                  {axes}
                  {series.map((s) => (
                    <Bar key={s.key} dataKey={s.key} name={s.name} fill={s.color} isAnimationActive={false} />
                  ))}
                </BarChart>
              )}
            </ResponsiveContainer>
          )}
        </div>
      )}
    </div>
  )
}

/** `(type) => label` for a ledger movement type in the admin's language (an unknown type as it is). */
export function useTransactionTypeLabel(): (type: string) => string {
  const t = useT(transactionTypeMessages)
  return (type) => (Object.prototype.hasOwnProperty.call(transactionTypeMessages.en, type) ? t(type as keyof typeof transactionTypeMessages.en) : type)
}
