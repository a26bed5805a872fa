import { TransactionBaseService } from "@medusajs/medusa"
import { EntityManager, IsNull } from "typeorm"

import { DomainError } from "@customer-modules/core"

import { PosLocation } from "../models/pos-location"
import { StaffCard } from "../models/staff-card"
import { StaffMember } from "../models/staff-member"
import type { StaffCardDTO, StaffMemberDTO } from "../types"
import { normalizeUid } from "../utils/normalize"

type InjectedDependencies = {
  manager: EntityManager
}

export type CreateStaffMemberInput = {
  name: string
  location_id?: string | null
}

export type UpdateStaffMemberInput = {
  name?: string
  location_id?: string | null
  active?: boolean
}

const MAX_LIST = 500
const UNIQUE_VIOLATION = "23505"

/**
 * Staff members and their RFID cards. A till sends the card's UID with a call
 * (X-Staff-Card) so the call is attributed to the person who made it.
 */
export default class StaffService extends TransactionBaseService {
  static readonly Events = {
    MEMBER_CREATED: "staff_member.created",
    CARD_ADDED: "staff_card.added",
    CARD_REVOKED: "staff_card.revoked",
  }

  constructor(container: InjectedDependencies) {
    super(container)
  }

  /** Creates a staff member; `not_found` (404) for an unknown location. */
  async create(input: CreateStaffMemberInput): Promise<StaffMemberDTO> {
    return this.atomicPhase_(async (manager) => {
      if (input.location_id) {
        await this.assertLocation_(manager, input.location_id)
      }
      const repo = manager.getRepository(StaffMember)
      const saved = await repo.save(repo.create({ name: input.name, location_id: input.location_id ?? null, active: true }))
      saved.cards = []
      return toStaffDTO(saved)
    })
  }

  /** Changes a member's name, location or activity (inactive members' cards stop working). */
  async update(id: string, input: UpdateStaffMemberInput): Promise<StaffMemberDTO> {
    return this.atomicPhase_(async (manager) => {
      const repo = manager.getRepository(StaffMember)
      const row = await repo.findOne({ where: { id } })
      if (!row) {
        throw new DomainError("not_found", `Staff member ${id} was not found`, 404)
      }
      if (input.location_id) {
        await this.assertLocation_(manager, input.location_id)
      }
      Object.assign(row, {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.location_id !== undefined ? { location_id: input.location_id } : {}),
        ...(input.active !== undefined ? { active: input.active } : {}),
      })
      await repo.save(row)
      return this.retrieve(id)
    })
  }

  /** All staff members with their cards, by name (at most 500). */
  async list(filter: { location_id?: string } = {}): Promise<StaffMemberDTO[]> {
    const rows = await this.activeManager_.getRepository(StaffMember).find({
      where: filter.location_id ? { location_id: filter.location_id } : {},
      relations: { cards: true },
      order: { name: "ASC", id: "ASC" },
      take: MAX_LIST,
    })
    return rows.map(toStaffDTO)
  }

  /** One staff member with their cards; `not_found` (404) when unknown. */
  async retrieve(id: string): Promise<StaffMemberDTO> {
    const row = await this.activeManager_
      .getRepository(StaffMember)
      .findOne({ where: { id }, relations: { cards: true } })
    if (!row) {
      throw new DomainError("not_found", `Staff member ${id} was not found`, 404)
    }
    return toStaffDTO(row)
  }

  /**
   * Gives a staff member an RFID card. `code_taken` (409) when another active
   * card has the same UID; `invalid_request` (400) for an empty UID.
   */
  async addCard(staffId: string, uid: string): Promise<StaffCardDTO> {
    const normalized = normalizeUid(uid)
    if (!normalized) {
      throw new DomainError("invalid_request", "uid: must contain at least one character besides spaces, dashes and colons", 400)
    }
    return this.atomicPhase_(async (manager) => {
      const member = await manager.getRepository(StaffMember).findOne({ where: { id: staffId } })
      if (!member) {
        throw new DomainError("not_found", `Staff member ${staffId} was not found`, 404)
      }
      const taken = await manager
        .getRepository(StaffCard)
        .findOne({ where: { uid_normalized: normalized, revoked_at: IsNull() } })
      if (taken) {
        throw new DomainError("code_taken", `The card ${uid} is already in use`, 409)
      }
      const repo = manager.getRepository(StaffCard)
      try {
        const saved = await repo.save(repo.create({ staff_id: staffId, uid: uid.trim(), uid_normalized: normalized, revoked_at: null }))
        return toCardDTO(saved)
      } catch (e) {
        // A concurrent registration of the same UID lost the race on the unique index.
        if ((e as { code?: string }).code === UNIQUE_VIOLATION) {
          throw new DomainError("code_taken", `The card ${uid} is already in use`, 409)
        }
        throw e
      }
    })
  }

  /** Revokes a card at once; it stays in the history. Revoking twice keeps the first time. */
  async revokeCard(staffId: string, cardId: string): Promise<StaffCardDTO> {
    return this.atomicPhase_(async (manager) => {
      const repo = manager.getRepository(StaffCard)
      const card = await repo.findOne({ where: { id: cardId, staff_id: staffId } })
      if (!card) {
        throw new DomainError("not_found", `Card ${cardId} of staff member ${staffId} was not found`, 404)
      }
      if (!card.revoked_at) {
        card.revoked_at = new Date()
        await repo.save(card)
      }
      return toCardDTO(card)
    })
  }

  /**
   * The active staff member an RFID UID belongs to, or null when the card is
   * unknown or revoked or its owner is inactive.
   */
  async resolveCard(uid: string): Promise<{ staff_id: string; name: string; card_id: string } | null> {
    const normalized = normalizeUid(uid)
    if (!normalized || normalized.length > 128) {
      return null
    }
    const rows: { staff_id: string; name: string; card_id: string }[] = await this.activeManager_.query(
      `SELECT m.id AS staff_id, m.name, c.id AS card_id
         FROM staff_card c JOIN staff_member m ON m.id = c.staff_id
        WHERE c.uid_normalized = $1 AND c.revoked_at IS NULL AND m.active`,
      [normalized]
    )
    return rows[0] ?? null
  }

  protected async assertLocation_(manager: EntityManager, id: string): Promise<void> {
    const exists = await manager.getRepository(PosLocation).exist({ where: { id } })
    if (!exists) {
      throw new DomainError("not_found", `Location ${id} was not found`, 404)
    }
  }
}

export function toCardDTO(row: StaffCard): StaffCardDTO {
  return {
    id: row.id,
    staff_id: row.staff_id,
    uid: row.uid,
    uid_normalized: row.uid_normalized,
    status: row.revoked_at ? "revoked" : "active",
    revoked_at: row.revoked_at,
    created_at: row.created_at,
  }
}

export function toStaffDTO(row: StaffMember): StaffMemberDTO {
  return {
    id: row.id,
    name: row.name,
    location_id: row.location_id,
    active: row.active,
    cards: (row.cards ?? []).sort((a, b) => a.created_at.getTime() - b.created_at.getTime()).map(toCardDTO),
    created_at: row.created_at,
    updated_at: row.updated_at,
  }
}
