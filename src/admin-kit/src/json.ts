/** A server type as its JSON reaches an admin page: instants (`Date`) are ISO strings. */
export type Json<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K] }
