import { generateEntityId, TransactionBaseService } from "@medusajs/medusa"
import type { EntityManager } from "typeorm"

import { DomainError } from "@customer-modules/core"

import type { CardKind, CodeRangeDTO } from "../types"
import { normalizeCode, OWN_CODE_MAX_LENGTH, OWN_CODE_MIN_LENGTH } from "../utils/codes"
import { toRangeDTO } from "../utils/rows"

type InjectedDependencies = {
  manager: EntityManager
}

export type CreateCodeRangeInput = {
  name: string
  card_kind: CardKind
  /** Letters and digits (dashes and spaces are dropped), at most 12; may be empty. */
  prefix: string
  start: number
  end: number
}

/** Numbers above this would make codes longer than a receipt printer's line. */
export const MAX_RANGE_NUMBER = 999_999_999_999
const MAX_RANGES = 500
/** Issuing skips numbers already taken by hand; give up after this many in a row. */
const MAX_SKIPS = 1000
const PREFIX = /^[A-Z0-9]{0,12}$/
/** Serialises range creation, so two overlapping ranges cannot both pass the check. */
const RANGE_LOCK_KEY = 0x6c656467 // "ledg"

/**
 * Merchant number ranges: pre-printed vouchers and cards numbered prefix plus
 * start..end. Ranges of the same shape never overlap, `issue` hands out each
 * number once (an atomic counter, skipping numbers already used), and codes
 * typed at the till are checked against the ranges they look like.
 */
export default class CodeRangeService extends TransactionBaseService {
  constructor(container: InjectedDependencies) {
    super(container)
  }

  /** Creates a range; 400 `range_invalid` for bad bounds, 409 `range_overlap` when it meets another. */
  async create(input: CreateCodeRangeInput): Promise<CodeRangeDTO> {
    const prefix = normalizeCode(input.prefix)
    if (!PREFIX.test(prefix)) {
      throw new DomainError("range_invalid", "prefix: at most 12 letters and digits", 400)
    }
    const { start, end } = input
    if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start || end > MAX_RANGE_NUMBER) {
      throw new DomainError("range_invalid", `start and end: whole numbers with 0 ≤ start ≤ end ≤ ${MAX_RANGE_NUMBER}`, 400)
    }
    const width = String(end).length
    // Its numbers are own numbers like any other: as long as the kind of card needs.
    const min = OWN_CODE_MIN_LENGTH[input.card_kind]
    if (prefix.length + width < min || prefix.length + width > OWN_CODE_MAX_LENGTH) {
      throw new DomainError(
        "range_invalid",
        `prefix and number together need at least ${min} characters for ${input.card_kind} cards (${render({ prefix, width }, end)} has ${prefix.length + width})`,
        400
      )
    }
    return this.atomicPhase_(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock($1)`, [RANGE_LOCK_KEY])
      const candidate = { prefix, start, end, width }
      const existing = (await manager.query(`SELECT * FROM code_range`)).map(toRangeDTO)
      const clash = existing.find((r: CodeRangeDTO) => overlaps(candidate, r))
      if (clash) {
        throw new DomainError("range_overlap", `The range overlaps "${clash.name}" (${describe(clash)})`, 409)
      }
      const [row] = await manager.query(
        `INSERT INTO code_range (id, name, card_kind, prefix, start, "end", next, width)
         VALUES ($1, $2, $3, $4, $5, $6, $5, $7) RETURNING *`,
        [generateEntityId(undefined, "crng"), input.name, input.card_kind, prefix, start, end, width]
      )
      return toRangeDTO(row)
    })
  }

  async list(): Promise<CodeRangeDTO[]> {
    const rows = await this.activeManager_.query(`SELECT * FROM code_range ORDER BY prefix, start LIMIT ${MAX_RANGES}`)
    return rows.map(toRangeDTO)
  }

  async retrieve(id: string): Promise<CodeRangeDTO> {
    const [row] = await this.activeManager_.query(`SELECT * FROM code_range WHERE id = $1`, [id])
    if (!row) {
      throw new DomainError("not_found", `Number range ${id} was not found`, 404)
    }
    return toRangeDTO(row)
  }

  /**
   * The next unused number of the range as a code (normalized). The counter
   * moves atomically, so concurrent callers never get the same number; numbers
   * already used by a card (typed in by hand) are skipped. 409 `range_exhausted`
   * at the end of the range.
   */
  async issue(rangeId: string): Promise<{ code: string; range: CodeRangeDTO }> {
    return this.atomicPhase_(async (manager) => {
      for (let skips = 0; skips < MAX_SKIPS; skips++) {
        const [rows] = await manager.query(
          `UPDATE code_range SET next = next + 1, updated_at = now() WHERE id = $1 AND next <= "end" RETURNING *`,
          [rangeId]
        )
        if (!rows[0]) {
          const range = await this.withTransaction(manager).retrieve(rangeId)
          throw new DomainError("range_exhausted", `The range "${range.name}" has no numbers left`, 409)
        }
        const range = toRangeDTO(rows[0])
        const code = render(range, range.next - 1)
        const [taken] = await manager.query(`SELECT 1 FROM card_identifier WHERE normalized = $1`, [code])
        if (!taken) {
          return { code, range }
        }
      }
      throw new DomainError("range_exhausted", `The next ${MAX_SKIPS} numbers of the range are all in use`, 409)
    })
  }

  /**
   * Checks a code typed at the till against the ranges it looks like: a code
   * with a range's prefix and width must lie within a range of that shape
   * (422 `code_out_of_range`) numbering cards of this kind (422 `code_wrong_kind`).
   * Codes of no range's shape are the merchant's free-form numbers.
   */
  async check(normalized: string, kind: CardKind): Promise<void> {
    const shaped = await this.shapedLike_(normalized)
    if (!shaped.length) {
      return
    }
    const within = shaped.find((r: CodeRangeDTO) => {
      const n = Number(normalized.slice(r.prefix.length))
      return n >= r.start && n <= r.end
    })
    if (!within) {
      throw new DomainError("code_out_of_range", `${normalized} lies outside the number range ${describe(shaped[0])}`, 422)
    }
    if (within.card_kind !== kind) {
      throw new DomainError("code_wrong_kind", `${normalized} belongs to the range "${within.name}" for ${within.card_kind} cards`, 422)
    }
  }

  /**
   * Whether the code has the shape of a merchant range (its prefix followed by
   * as many digits as its numbers have), inside the range's bounds or not.
   * Such numbers follow one another: whoever holds one knows its neighbours.
   */
  async isRangeShaped(normalized: string): Promise<boolean> {
    return (await this.shapedLike_(normalized)).length > 0
  }

  protected async shapedLike_(normalized: string): Promise<CodeRangeDTO[]> {
    const rows = await this.activeManager_.query(
      `SELECT * FROM code_range WHERE left($1, length(prefix)) = prefix AND length($1) = length(prefix) + width`,
      [normalized]
    )
    return rows.map(toRangeDTO).filter((r: CodeRangeDTO) => /^\d+$/.test(normalized.slice(r.prefix.length)))
  }
}

type Shape = Pick<CodeRangeDTO, "prefix" | "start" | "end" | "width">

/** The code for number `n` of a range: prefix plus the zero-padded number. */
export function render(range: Pick<Shape, "prefix" | "width">, n: number): string {
  return range.prefix + String(n).padStart(range.width, "0")
}

function describe(range: Shape): string {
  return `${render(range, range.start)}–${render(range, range.end)}`
}

/**
 * Whether two ranges can produce the same code. Trailing digits of a prefix are
 * part of the number ("GS1" + 000..999 is "GS" + 1000..1999), so compare ranges
 * by their letter prefix, total width and the numbers they span.
 */
export function overlaps(a: Shape, b: Shape): boolean {
  const ka = span(a)
  const kb = span(b)
  return ka.letters === kb.letters && ka.width === kb.width && ka.lo <= kb.hi && kb.lo <= ka.hi
}

function span(range: Shape): { letters: string; width: number; lo: bigint; hi: bigint } {
  const lead = /\d*$/.exec(range.prefix)![0]
  return {
    letters: range.prefix.slice(0, range.prefix.length - lead.length),
    width: lead.length + range.width,
    lo: BigInt(lead + String(range.start).padStart(range.width, "0")),
    hi: BigInt(lead + String(range.end).padStart(range.width, "0")),
  }
}
