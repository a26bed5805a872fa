import { BaseEntity, generateEntityId } from "@medusajs/medusa"
import { BeforeInsert, Column, Entity, Index, OneToMany } from "typeorm"

import type { CardKind, CardStatus } from "../types"
import { CardIdentifier } from "./card-identifier"

/** A voucher, prepaid card or customer card: found by any of its identifiers. */
@Entity({ name: "card" })
export class Card extends BaseEntity {
  @Column({ type: "varchar" })
  kind!: CardKind

  /** The printed number as shown (generated codes in groups of four). */
  @Column({ type: "varchar" })
  code!: string

  @Column({ type: "varchar" })
  status!: CardStatus

  @Index("IDX_card_customer_id")
  @Column({ type: "varchar", nullable: true })
  customer_id!: string | null

  /** The card's own value account (vouchers, prepaid cards); customer cards reach the customer's accounts. */
  @Index("IDX_card_account_id")
  @Column({ type: "varchar", nullable: true })
  account_id!: string | null

  /** Set when a lost card was replaced: the card that carries on. */
  @Column({ type: "varchar", nullable: true })
  replaced_by_id!: string | null

  @Column({ type: "jsonb", nullable: true })
  metadata!: Record<string, unknown> | null

  @OneToMany(() => CardIdentifier, (identifier) => identifier.card)
  identifiers?: CardIdentifier[]

  @BeforeInsert()
  protected beforeInsert(): void {
    this.id = generateEntityId(this.id, "card")
  }
}
