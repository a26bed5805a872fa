import { generateEntityId } from "@medusajs/medusa"
import { BeforeInsert, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from "typeorm"

import type { IdentifierKind } from "../types"
import { Card } from "./card"

/** One way to find a card: printed number, barcode, QR payload or RFID UID. */
@Entity({ name: "card_identifier" })
export class CardIdentifier {
  @PrimaryColumn({ type: "varchar" })
  id!: string

  @Index("IDX_card_identifier_card_id")
  @Column({ type: "varchar" })
  card_id!: string

  @ManyToOne(() => Card, (card) => card.identifiers)
  @JoinColumn({ name: "card_id" })
  card?: Card

  @Column({ type: "varchar" })
  kind!: IdentifierKind

  /** As given. */
  @Column({ type: "varchar" })
  value!: string

  /** Upper case, no spaces or dashes: unique over all cards. */
  @Column({ type: "varchar", unique: true })
  normalized!: string

  @CreateDateColumn({ type: "timestamptz" })
  created_at!: Date

  @BeforeInsert()
  protected beforeInsert(): void {
    this.id = generateEntityId(this.id, "cid")
  }
}
