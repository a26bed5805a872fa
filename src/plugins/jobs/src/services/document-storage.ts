import { randomUUID } from "crypto"
import fs from "fs/promises"
import path from "path"

import { TransactionBaseService } from "@medusajs/medusa"
import { Lifetime } from "awilix"

import type { JobsPluginOptions } from "../types"
import { resolveOptions } from "../utils/options"

/**
 * Private file storage for rendered documents and mails, under
 * `<DATA_DIR>/files`: files are only reachable through authenticated admin
 * routes, never by a public URL (see docs/decisions/0012).
 */
export default class DocumentStorageService extends TransactionBaseService {
  /** One instance per process: it owns queues, connections and registered handlers. */
  static readonly LIFE_TIME = Lifetime.SINGLETON
  protected readonly root_: string

  constructor(container: Record<string, unknown>, options: JobsPluginOptions) {
    super(container)
    this.root_ = path.join(resolveOptions(options).dataDir, "files")
  }

  /** Writes a file atomically (temp file, then rename); returns its key. */
  async put(key: string, content: Buffer): Promise<string> {
    const file = this.path_(key)
    await fs.mkdir(path.dirname(file), { recursive: true })
    const tmp = `${file}.${randomUUID()}.tmp`
    await fs.writeFile(tmp, content)
    await fs.rename(tmp, file)
    return key
  }

  async get(key: string): Promise<Buffer> {
    return fs.readFile(this.path_(key))
  }

  protected path_(key: string): string {
    if (!/^[A-Za-z0-9_-]+(\/[A-Za-z0-9_.-]+)*$/.test(key) || key.includes("..")) {
      throw new Error(`invalid file key ${key}`)
    }
    return path.join(this.root_, key)
  }
}
