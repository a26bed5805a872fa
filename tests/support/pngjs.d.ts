/** The part of pngjs (no published types of its own at 5.0.0 here) that tests/support/qr.ts uses. */
declare module "pngjs" {
  export const PNG: { sync: { read(buffer: Buffer): { width: number; height: number; data: Buffer } } }
}
