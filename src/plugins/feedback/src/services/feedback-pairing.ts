import { createHash, randomInt } from "crypto"

import { TransactionBaseService } from "@medusajs/medusa"
import type { EntityManager } from "typeorm"

import { DomainError } from "@customer-modules/core"
import type { PosTerminalService } from "@customer-modules/pos"

type InjectedDependencies = {
  manager: EntityManager
  posTerminalService: PosTerminalService
}

/** Letters and digits that cannot be mistaken for one another (no 0/O, 1/I/L). */
const ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
const CODE_LENGTH = 8
/** How long a pairing code can be used. */
export const PAIRING_TTL_MINUTES = 10

/** The one answer for a wrong, used or expired code: a guesser learns nothing. */
export function refusal(): DomainError {
  return new DomainError("invalid_pairing_code", "This pairing code is not valid. Show a new one in the back office.", 403)
}

function hashCode(code: string): string {
  return createHash("sha256").update(code, "utf8").digest("hex")
}

/**
 * Pairing a feedback tablet without typing its long key: the admin shows a
 * short code (and a QR of the tablet URL with it), valid for ten minutes and
 * once; the tablet exchanges it for a new terminal key (the terminal's earlier
 * key stops working). Codes are kept only as their sha256.
 */
export default class FeedbackPairingService extends TransactionBaseService {
  protected readonly posTerminalService_: PosTerminalService

  constructor(container: InjectedDependencies) {
    super(container)
    this.posTerminalService_ = container.posTerminalService
  }

  /** A new code for an active feedback tablet; earlier unused codes of that tablet stop working. */
  async create(terminalId: string): Promise<{ code: string; expires_at: Date }> {
    const terminal = await this.posTerminalService_.retrieve(terminalId)
    if (terminal.status !== "active" || !terminal.scopes.includes("feedback")) {
      throw new DomainError("not_allowed", `Terminal ${terminalId} is not an active feedback tablet`, 422)
    }
    const code = Array.from({ length: CODE_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join("")
    return this.atomicPhase_(async (manager) => {
      await manager.query(`DELETE FROM feedback_pairing WHERE terminal_id = $1 OR expires_at < now() - interval '1 day'`, [terminal.id])
      const rows: { expires_at: Date }[] = await manager.query(
        `INSERT INTO feedback_pairing (code_hash, terminal_id, expires_at) VALUES ($1, $2, now() + make_interval(mins => $3)) RETURNING expires_at`,
        [hashCode(code), terminal.id, PAIRING_TTL_MINUTES]
      )
      return { code, expires_at: rows[0].expires_at }
    })
  }

  /**
   * Exchanges a code for the tablet's new key, once: the claim commits before
   * the key is issued, so two tablets sending one code get one key between
   * them. A wrong, used or expired code (or a tablet revoked since) is refused
   * alike.
   */
  async exchange(code: string): Promise<{ key: string; terminal: { id: string; name: string; location_id: string } }> {
    // TypeORM answers an UPDATE with [rows, affected].
    const [claimed]: [{ terminal_id: string }[], number] = await this.atomicPhase_((manager) =>
      manager.query(
        `UPDATE feedback_pairing SET used_at = now() WHERE code_hash = $1 AND used_at IS NULL AND expires_at > now() RETURNING terminal_id`,
        [hashCode(code)]
      )
    )
    if (!claimed.length) {
      throw refusal()
    }
    const terminal = await this.posTerminalService_.retrieve(claimed[0].terminal_id).catch(() => null)
    if (!terminal || terminal.status !== "active" || !terminal.scopes.includes("feedback")) {
      throw refusal()
    }
    const issued = await this.posTerminalService_.issueKey(terminal.id).catch(() => null)
    if (!issued) {
      throw refusal()
    }
    return { key: issued.key, terminal: { id: terminal.id, name: terminal.name, location_id: terminal.location_id } }
  }
}
