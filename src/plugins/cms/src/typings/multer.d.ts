/** The part of multer (Medusa's own upload parser) this plugin uses. */
declare module "multer" {
  type RequestHandler = (req: unknown, res: unknown, next: (err?: unknown) => void) => void
  type Options = { storage?: unknown; limits?: { fileSize?: number; files?: number; fields?: number } }
  type Multer = { single(field: string): RequestHandler }
  function multer(options?: Options): Multer
  namespace multer {
    function memoryStorage(): unknown
  }
  export default multer
}
