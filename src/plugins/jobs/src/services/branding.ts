import { TransactionBaseService } from "@medusajs/medusa"
import { Lifetime } from "awilix"
import type { EntityManager } from "typeorm"

import { parseBody } from "@customer-modules/core"

import { JobBranding } from "../models/job-branding"
import { updateBrandingSchema } from "../schemas"
import type { UpdateBrandingInput } from "../schemas"
import type { BrandingDTO, Locale } from "../types"

type InjectedDependencies = { manager: EntityManager }

const ID = "default"

export const DEFAULT_BRANDING: BrandingDTO = {
  sender_name: "Customer Modules Demo",
  logo: null,
  primary_color: "#1f2937",
  secondary_color: "#f59e0b",
  footer_text: null,
  default_locale: "de",
  company_address: [],
  vat_id: null,
  tax_number: null,
  bank_name: null,
  iban: null,
  bic: null,
  reply_to: null,
  updated_at: null,
}

/** The merchant's design and company data (one row), applied to every mail and document. */
export default class BrandingService extends TransactionBaseService {
  /** One instance per process: it owns queues, connections and registered handlers. */
  static readonly LIFE_TIME = Lifetime.SINGLETON
  static readonly Events = { UPDATED: "job_branding.updated" }

  constructor(container: InjectedDependencies) {
    super(container)
  }

  /** The current branding (the defaults until the merchant saves theirs). */
  async retrieve(): Promise<BrandingDTO> {
    const row = await this.activeManager_.getRepository(JobBranding).findOne({ where: { id: ID } })
    return row ? toBrandingDTO(row) : { ...DEFAULT_BRANDING }
  }

  /**
   * Changes some fields; validates all of them first (400 `invalid_request`
   * naming the fields, nothing changed). Returns the branding after the change.
   */
  async update(input: UpdateBrandingInput): Promise<BrandingDTO> {
    const changes = parseBody(updateBrandingSchema, input)
    return this.atomicPhase_(async (manager) => {
      const repo = manager.getRepository(JobBranding)
      const row =
        (await repo.findOne({ where: { id: ID }, lock: { mode: "pessimistic_write" } })) ??
        repo.create({ id: ID, ...DEFAULT_BRANDING, updated_at: undefined })
      Object.assign(row, changes)
      return toBrandingDTO(await repo.save(row))
    })
  }

  /** Validates a branding draft without saving it (for the live preview): the saved branding with the draft's fields. */
  async preview(draft: UpdateBrandingInput): Promise<BrandingDTO> {
    const changes = parseBody(updateBrandingSchema, draft)
    return { ...(await this.retrieve()), ...changes } as BrandingDTO
  }
}

function toBrandingDTO(row: JobBranding): BrandingDTO {
  return {
    sender_name: row.sender_name,
    logo: row.logo,
    primary_color: row.primary_color,
    secondary_color: row.secondary_color,
    footer_text: row.footer_text,
    default_locale: row.default_locale as Locale,
    company_address: row.company_address ?? [],
    vat_id: row.vat_id,
    tax_number: row.tax_number,
    bank_name: row.bank_name,
    iban: row.iban,
    bic: row.bic,
    reply_to: row.reply_to,
    updated_at: row.updated_at,
  }
}
