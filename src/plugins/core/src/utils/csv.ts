import { stringify } from "csv-stringify/sync"

/**
 * The one CSV injection guard: a text cell that a spreadsheet would run as a
 * formula (starting with =, +, -, @, a tab or a carriage return) gets an
 * apostrophe in front. Numbers and dates need no guard.
 */
export function spreadsheetSafe(value: string | null | undefined): string {
  const v = value ?? ""
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v
}

/** The line ending of every CSV export (RFC 4180). */
export const CSV_RECORD_DELIMITER = "\r\n"

/** A plain number written as text ("-12.50"): a spreadsheet reads it as a number, never as a formula. */
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/

/**
 * Every CSV export of every plugin: RFC 4180 quoting (csv-stringify), CRLF line
 * ends, the header row when `columns` are given, and the injection guard on every
 * text cell (plain numbers written as text are left as they are). Numbers,
 * booleans and empty cells pass unchanged; dates should be ISO strings.
 */
export function csvOf(rows: readonly (readonly unknown[])[], columns?: readonly string[]): string {
  return stringify(rows as unknown[][], {
    header: Boolean(columns),
    columns: columns ? [...columns] : undefined,
    record_delimiter: CSV_RECORD_DELIMITER,
    cast: { string: (value) => (PLAIN_NUMBER.test(value) ? value : spreadsheetSafe(value)) },
  })
}
