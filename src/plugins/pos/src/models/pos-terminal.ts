import { BaseEntity, generateEntityId } from "@medusajs/medusa"
import { BeforeInsert, Column, Entity, Index, JoinColumn, ManyToOne } from "typeorm"

import type { PosScope } from "../scopes"
import { PosLocation } from "./pos-location"

/** A till, self-checkout, top-up terminal or feedback tablet with its secret key. */
@Entity({ name: "pos_terminal" })
export class PosTerminal extends BaseEntity {
  @Column({ type: "varchar" })
  name!: string

  @Index("IDX_pos_terminal_location_id")
  @Column({ type: "varchar" })
  location_id!: string

  @ManyToOne(() => PosLocation)
  @JoinColumn({ name: "location_id" })
  location?: PosLocation

  @Column({ type: "text", array: true })
  scopes!: PosScope[]

  /** sha256 (hex) of the key; the key itself is never stored. */
  @Column({ type: "varchar", unique: true })
  key_hash!: string

  /** The first characters of the key, to recognise it in the admin. */
  @Column({ type: "varchar" })
  key_prefix!: string

  @Column({ type: "timestamptz", nullable: true })
  last_seen_at!: Date | null

  @Column({ type: "timestamptz", nullable: true })
  revoked_at!: Date | null

  @BeforeInsert()
  protected beforeInsert(): void {
    this.id = generateEntityId(this.id, "term")
  }
}
