import type { DebtorPluginOptions } from "../types"

const DEFAULT_TIME_ZONE = "Europe/Berlin"
const DEFAULT_TERMS_DAYS = 14
const DEFAULT_GRACE_DAYS = 3
const DEFAULT_INTERVAL_DAYS = 14

/** Invoices read per schedule run (reminders, statements); the next run takes the rest. */
export const MAX_BATCH = 500

/** The plugin's options with their defaults filled in. */
export function debtorOptions(options: DebtorPluginOptions = {}): Required<DebtorPluginOptions> {
  return {
    default_time_zone: options.default_time_zone ?? DEFAULT_TIME_ZONE,
    payment_terms_days: options.payment_terms_days ?? DEFAULT_TERMS_DAYS,
    reminder_grace_days: options.reminder_grace_days ?? DEFAULT_GRACE_DAYS,
    reminder_interval_days: options.reminder_interval_days ?? DEFAULT_INTERVAL_DAYS,
  }
}
