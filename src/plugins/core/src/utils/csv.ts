/**
 * The one CSV injection guard: a text cell that a spreadsheet would run as a
 * formula (starting with =, +, -, @, a tab or a carriage return) gets an
 * apostrophe in front. Numbers and dates need no guard.
 */
export function spreadsheetSafe(value: string | null | undefined): string {
  const v = value ?? ""
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v
}

/** The line ending of every new CSV export (RFC 4180). */
export const CSV_RECORD_DELIMITER = "\r\n"
