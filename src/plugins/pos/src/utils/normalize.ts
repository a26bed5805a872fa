/** An RFID UID as lookups match it: upper case, without spaces, dashes and colons. */
export function normalizeUid(uid: string): string {
  return uid.replace(/[\s\-:]/g, "").toUpperCase()
}
