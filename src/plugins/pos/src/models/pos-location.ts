import { BaseEntity, generateEntityId } from "@medusajs/medusa"
import { BeforeInsert, Column, Entity, Index } from "typeorm"

/** A shop, restaurant or canteen: where terminals stand and sales are attributed. */
@Entity({ name: "pos_location" })
export class PosLocation extends BaseEntity {
  @Column({ type: "varchar" })
  name!: string

  /** IANA time zone name (Europe/Berlin): business days are computed in it. */
  @Column({ type: "varchar" })
  time_zone!: string

  @Column({ type: "text", nullable: true })
  address!: string | null

  /** The Medusa sales channel created for this location, so orders can be attributed. */
  @Index("IDX_pos_location_sales_channel_id")
  @Column({ type: "varchar" })
  sales_channel_id!: string

  @Column({ type: "jsonb", nullable: true })
  metadata!: Record<string, unknown> | null

  @BeforeInsert()
  protected beforeInsert(): void {
    this.id = generateEntityId(this.id, "loc")
  }
}
