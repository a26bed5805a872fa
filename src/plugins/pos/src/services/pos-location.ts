import { SalesChannelService, TransactionBaseService } from "@medusajs/medusa"
import { EntityManager } from "typeorm"

import { DomainError, isValidTimeZone } from "@customer-modules/core"

import { PosLocation } from "../models/pos-location"
import type { PosLocationDTO } from "../types"

type InjectedDependencies = {
  manager: EntityManager
  salesChannelService: SalesChannelService
}

export type CreatePosLocationInput = {
  name: string
  time_zone: string
  address?: string | null
  metadata?: Record<string, unknown> | null
}

export type UpdatePosLocationInput = Partial<CreatePosLocationInput>

const MAX_LIST = 500

/**
 * Locations: where terminals stand. Each location gets a Medusa sales channel
 * of its own, so orders taken there can be attributed to it.
 */
export default class PosLocationService extends TransactionBaseService {
  static readonly Events = {
    CREATED: "pos_location.created",
    UPDATED: "pos_location.updated",
  }

  protected readonly salesChannelService_: SalesChannelService

  constructor(container: InjectedDependencies) {
    super(container)
    this.salesChannelService_ = container.salesChannelService
  }

  /** Creates a location and its sales channel. Throws `invalid_request` (400) for an unknown time zone. */
  async create(input: CreatePosLocationInput): Promise<PosLocationDTO> {
    assertTimeZone(input.time_zone)
    return this.atomicPhase_(async (manager) => {
      const channel = await this.salesChannelService_.withTransaction(manager).create({
        name: `POS: ${input.name}`,
        description: `Sales at the location ${input.name}`,
        is_disabled: false,
      })
      const repo = manager.getRepository(PosLocation)
      const location = repo.create({
        name: input.name,
        time_zone: input.time_zone,
        address: input.address ?? null,
        sales_channel_id: channel.id,
        metadata: input.metadata ?? null,
      })
      return toLocationDTO(await repo.save(location))
    })
  }

  /** All locations, by name (at most 500). */
  async list(): Promise<PosLocationDTO[]> {
    const rows = await this.activeManager_
      .getRepository(PosLocation)
      .find({ order: { name: "ASC", id: "ASC" }, take: MAX_LIST })
    return rows.map(toLocationDTO)
  }

  /** One location; `not_found` (404) when unknown. */
  async retrieve(id: string): Promise<PosLocationDTO> {
    const row = await this.activeManager_.getRepository(PosLocation).findOne({ where: { id } })
    if (!row) {
      throw new DomainError("not_found", `Location ${id} was not found`, 404)
    }
    return toLocationDTO(row)
  }

  /** Renames or moves a location; its sales channel follows the name. */
  async update(id: string, input: UpdatePosLocationInput): Promise<PosLocationDTO> {
    if (input.time_zone !== undefined) {
      assertTimeZone(input.time_zone)
    }
    return this.atomicPhase_(async (manager) => {
      const repo = manager.getRepository(PosLocation)
      const row = await repo.findOne({ where: { id }, lock: { mode: "pessimistic_write" } })
      if (!row) {
        throw new DomainError("not_found", `Location ${id} was not found`, 404)
      }
      if (input.name !== undefined && input.name !== row.name) {
        row.name = input.name
        await this.salesChannelService_
          .withTransaction(manager)
          .update(row.sales_channel_id, { name: `POS: ${input.name}` })
      }
      if (input.time_zone !== undefined) {
        row.time_zone = input.time_zone
      }
      if (input.address !== undefined) {
        row.address = input.address
      }
      if (input.metadata !== undefined) {
        row.metadata = input.metadata
      }
      return toLocationDTO(await repo.save(row))
    })
  }
}

function assertTimeZone(name: string): void {
  if (!isValidTimeZone(name)) {
    throw new DomainError("invalid_request", `time_zone: "${name}" is not an IANA time zone name (e.g. Europe/Berlin)`, 400)
  }
}

export function toLocationDTO(row: PosLocation): PosLocationDTO {
  return {
    id: row.id,
    name: row.name,
    time_zone: row.time_zone,
    address: row.address,
    sales_channel_id: row.sales_channel_id,
    metadata: row.metadata,
    created_at: row.created_at,
    updated_at: row.updated_at,
  }
}
