import { BaseEntity, generateEntityId } from "@medusajs/medusa"
import { BeforeInsert, Column, Entity, Index, JoinColumn, ManyToOne } from "typeorm"

import { StaffMember } from "./staff-member"

/** An RFID card of a staff member; revoked cards stay for the history. */
@Entity({ name: "staff_card" })
export class StaffCard extends BaseEntity {
  @Index("IDX_staff_card_staff_id")
  @Column({ type: "varchar" })
  staff_id!: string

  @ManyToOne(() => StaffMember, (member) => member.cards)
  @JoinColumn({ name: "staff_id" })
  staff?: StaffMember

  /** The UID as entered (display). */
  @Column({ type: "varchar" })
  uid!: string

  /** Upper case, without spaces, dashes and colons: what lookups match on (unique among active cards). */
  @Column({ type: "varchar" })
  uid_normalized!: string

  @Column({ type: "timestamptz", nullable: true })
  revoked_at!: Date | null

  @BeforeInsert()
  protected beforeInsert(): void {
    this.id = generateEntityId(this.id, "scard")
  }
}
