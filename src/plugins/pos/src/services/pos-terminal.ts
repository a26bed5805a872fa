import { createHash, randomBytes } from "crypto"

import { TransactionBaseService } from "@medusajs/medusa"
import { EntityManager, IsNull } from "typeorm"

import { DomainError } from "@customer-modules/core"
import type { HealthReporter, ModuleHealth } from "@customer-modules/core"

import { PosLocation } from "../models/pos-location"
import { PosTerminal } from "../models/pos-terminal"
import { isPosScope, PosScope } from "../scopes"
import type { PosTerminalDTO } from "../types"
import type PosTerminalCacheService from "./pos-terminal-cache"

type InjectedDependencies = {
  manager: EntityManager
  posTerminalCacheService: PosTerminalCacheService
}

export type CreatePosTerminalInput = {
  name: string
  location_id: string
  scopes: PosScope[]
}

/** What authenticate() hands to the route wrapper. */
export type AuthenticatedTerminal = {
  id: string
  name: string
  location_id: string
  scopes: PosScope[]
}

const KEY_PREFIX = "pos_"
const KEY_BYTES = 32
/** "pos_" + 32 bytes in base64url (43 characters). */
export const KEY_PATTERN = /^pos_[A-Za-z0-9_-]{43}$/
const DISPLAY_PREFIX_LENGTH = 10
const MAX_LIST = 500

/** sha256 of a terminal key, hex: what the database keeps. */
export function hashKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex")
}

/**
 * Terminals and their secret keys. A key is shown once, when it is created,
 * and stored only as its sha256; revoking it takes effect on the next call,
 * on every instance (see PosTerminalCacheService).
 */
export default class PosTerminalService extends TransactionBaseService implements HealthReporter {
  static readonly Events = {
    CREATED: "pos_terminal.created",
    REVOKED: "pos_terminal.revoked",
  }

  protected readonly cache_: PosTerminalCacheService

  constructor(container: InjectedDependencies) {
    super(container)
    this.cache_ = container.posTerminalCacheService
  }

  /**
   * Creates a terminal at a location and returns it with its key, the only time
   * the key is ever visible. Throws `not_found` (404) for an unknown location.
   */
  async create(input: CreatePosTerminalInput): Promise<{ terminal: PosTerminalDTO; key: string }> {
    const scopes = [...new Set(input.scopes)]
    const unknown = scopes.filter((s) => !isPosScope(s))
    if (!scopes.length || unknown.length) {
      throw new DomainError("invalid_request", `scopes: unknown or missing scope(s) ${unknown.join(", ")}`.trim(), 400)
    }
    return this.atomicPhase_(async (manager) => {
      const location = await manager.getRepository(PosLocation).findOne({ where: { id: input.location_id } })
      if (!location) {
        throw new DomainError("not_found", `Location ${input.location_id} was not found`, 404)
      }
      const key = KEY_PREFIX + randomBytes(KEY_BYTES).toString("base64url")
      const repo = manager.getRepository(PosTerminal)
      const saved = await repo.save(
        repo.create({
          name: input.name,
          location_id: location.id,
          scopes,
          key_hash: hashKey(key),
          key_prefix: key.slice(0, DISPLAY_PREFIX_LENGTH),
          last_seen_at: null,
          revoked_at: null,
        })
      )
      saved.location = location
      return { terminal: toTerminalDTO(saved), key }
    })
  }

  /** All terminals with their location, newest first (at most 500). */
  async list(filter: { location_id?: string } = {}): Promise<PosTerminalDTO[]> {
    const rows = await this.activeManager_.getRepository(PosTerminal).find({
      where: filter.location_id ? { location_id: filter.location_id } : {},
      relations: { location: true },
      order: { created_at: "DESC", id: "ASC" },
      take: MAX_LIST,
    })
    return rows.map(toTerminalDTO)
  }

  /** One terminal with its location; `not_found` (404) when unknown. */
  async retrieve(id: string): Promise<PosTerminalDTO> {
    const row = await this.activeManager_
      .getRepository(PosTerminal)
      .findOne({ where: { id }, relations: { location: true } })
    if (!row) {
      throw new DomainError("not_found", `Terminal ${id} was not found`, 404)
    }
    return toTerminalDTO(row)
  }

  /**
   * Revokes the terminal's key at once, on every instance; revoking twice keeps
   * the first time. The cached keys are invalidated after the commit, so call it
   * without an outer transaction (as the admin route does).
   */
  async revoke(id: string): Promise<PosTerminalDTO> {
    const revoked = await this.atomicPhase_(async (manager) => {
      const repo = manager.getRepository(PosTerminal)
      await repo.update({ id, revoked_at: IsNull() }, { revoked_at: () => "now()" })
      const row = await repo.findOne({ where: { id }, relations: { location: true } })
      if (!row) {
        throw new DomainError("not_found", `Terminal ${id} was not found`, 404)
      }
      return toTerminalDTO(row)
    })
    await this.cache_.invalidate()
    return revoked
  }

  /**
   * Gives an active terminal a new key and returns it, the only time it is
   * visible; the old key stops working at once, on every instance (used when a
   * tablet is paired by a code). `not_found` (404) for an unknown or revoked
   * terminal. Call it without an outer transaction, as revoke().
   */
  async issueKey(id: string): Promise<{ terminal: PosTerminalDTO; key: string }> {
    const key = KEY_PREFIX + randomBytes(KEY_BYTES).toString("base64url")
    const terminal = await this.atomicPhase_(async (manager) => {
      const repo = manager.getRepository(PosTerminal)
      const changed = await repo.update({ id, revoked_at: IsNull() }, { key_hash: hashKey(key), key_prefix: key.slice(0, DISPLAY_PREFIX_LENGTH) })
      const row = changed.affected ? await repo.findOne({ where: { id }, relations: { location: true } }) : null
      if (!row) {
        throw new DomainError("not_found", `Terminal ${id} was not found`, 404)
      }
      return toTerminalDTO(row)
    })
    await this.cache_.invalidate()
    return { terminal, key }
  }

  /** The terminal a key belongs to, or null for an unknown, malformed or revoked key. */
  async authenticate(key: string): Promise<AuthenticatedTerminal | null> {
    return (await this.authenticateReading(key, () => null)).terminal
  }

  /**
   * `authenticate`, and for a key held in the process also the Redis value named by
   * `alsoRead(terminalId)`, in the same round trip as the revocation generation
   * (`extra`; undefined when it was not read). The POS wrapper reads the key's miss
   * counter this way: one Redis round trip per call instead of two.
   */
  async authenticateReading(
    key: string,
    alsoRead: (terminalId: string) => string | null
  ): Promise<{ terminal: AuthenticatedTerminal | null; extra: string | null | undefined }> {
    if (!KEY_PATTERN.test(key)) {
      return { terminal: null, extra: undefined }
    }
    const hash = hashKey(key)
    // Read before the database: a revocation committed after this read bumps it.
    const { generation, terminal: cached, extra } = await this.cache_.cachedWith(hash, alsoRead)
    if (cached) {
      return { terminal: cached, extra }
    }
    const rows: { id: string; name: string; location_id: string; scopes: string[] }[] = await this.activeManager_.query(
      `SELECT id, name, location_id, scopes FROM pos_terminal WHERE key_hash = $1 AND revoked_at IS NULL`,
      [hash]
    )
    const row = rows[0]
    if (!row) {
      return { terminal: null, extra: undefined }
    }
    const terminal = { id: row.id, name: row.name, location_id: row.location_id, scopes: row.scopes.filter(isPosScope) }
    this.cache_.set(hash, terminal, generation)
    return { terminal, extra: undefined }
  }

  /**
   * Records that the terminal was seen. At most one write a minute per terminal:
   * this process asks at most once a minute, and the conditional UPDATE leaves
   * the row alone when another instance touched it recently.
   */
  async touch(id: string): Promise<void> {
    if (!this.cache_.shouldTouch(id)) {
      return
    }
    await this.activeManager_.query(
      `UPDATE pos_terminal SET last_seen_at = now()
        WHERE id = $1 AND (last_seen_at IS NULL OR last_seen_at < now() - interval '1 minute')`,
      [id]
    )
  }

  /** Healthy when the terminal table answers. */
  async health(): Promise<ModuleHealth> {
    await this.activeManager_.query(`SELECT 1 FROM pos_terminal LIMIT 1`)
    return { status: "ok" }
  }
}

export function toTerminalDTO(row: PosTerminal): PosTerminalDTO {
  return {
    id: row.id,
    name: row.name,
    location_id: row.location_id,
    ...(row.location
      ? { location: { id: row.location.id, name: row.location.name, time_zone: row.location.time_zone } }
      : {}),
    scopes: row.scopes,
    key_prefix: row.key_prefix,
    status: row.revoked_at ? "revoked" : "active",
    last_seen_at: row.last_seen_at,
    revoked_at: row.revoked_at,
    created_at: row.created_at,
    updated_at: row.updated_at,
  }
}
