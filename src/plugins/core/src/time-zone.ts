/** True for a time zone name the runtime's IANA database knows (Europe/Berlin, UTC). */
export function isValidTimeZone(name: string): boolean {
  if (!name || name.length > 64) {
    return false
  }
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name })
    return true
  } catch {
    return false
  }
}
