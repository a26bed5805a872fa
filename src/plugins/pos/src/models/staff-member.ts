import { BaseEntity, generateEntityId } from "@medusajs/medusa"
import { BeforeInsert, Column, Entity, Index, OneToMany } from "typeorm"

import { StaffCard } from "./staff-card"

/** Someone who works at a till and signs actions with an RFID staff card. */
@Entity({ name: "staff_member" })
export class StaffMember extends BaseEntity {
  @Column({ type: "varchar" })
  name!: string

  /** Home location; null for staff who work everywhere. */
  @Index("IDX_staff_member_location_id")
  @Column({ type: "varchar", nullable: true })
  location_id!: string | null

  @Column({ type: "boolean", default: true })
  active!: boolean

  @OneToMany(() => StaffCard, (card) => card.staff)
  cards?: StaffCard[]

  @BeforeInsert()
  protected beforeInsert(): void {
    this.id = generateEntityId(this.id, "staff")
  }
}
