import { BaseEntity, generateEntityId } from "@medusajs/medusa"
import { BeforeInsert, Column, Entity } from "typeorm"

import type { CardKind } from "../types"
import { bigintColumn } from "../utils/bigint"

/**
 * A merchant's own number range (pre-printed vouchers or cards): prefix plus
 * numbers start..end, zero-padded to `width`. `next` only ever moves forward.
 */
@Entity({ name: "code_range" })
export class CodeRange extends BaseEntity {
  @Column({ type: "varchar" })
  name!: string

  @Column({ type: "varchar" })
  card_kind!: CardKind

  @Column({ type: "varchar" })
  prefix!: string

  @Column({ type: "bigint", transformer: bigintColumn })
  start!: number

  @Column({ type: "bigint", transformer: bigintColumn })
  end!: number

  @Column({ type: "bigint", transformer: bigintColumn })
  next!: number

  @Column({ type: "integer" })
  width!: number

  @BeforeInsert()
  protected beforeInsert(): void {
    this.id = generateEntityId(this.id, "crng")
  }
}
