/** Cells that a spreadsheet would run as a formula are prefixed with a quote (CSV injection). */
export function safeCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
}
