import { BaseEntity, generateEntityId } from "@medusajs/medusa"
import { BeforeInsert, Column, Entity, Index } from "typeorm"

import type { AccountKind, AccountStatus } from "../types"
import { bigintColumn } from "../utils/bigint"

/**
 * A value account: the balance of a voucher, a prepaid card, a customer
 * account or a points account. Changed only by the ledger service, each change
 * together with one ledger transaction.
 */
@Entity({ name: "value_account" })
export class ValueAccount extends BaseEntity {
  @Column({ type: "varchar" })
  kind!: AccountKind

  /** ISO 4217, lower case; "pts" for points. */
  @Column({ type: "varchar" })
  currency_code!: string

  @Index("IDX_value_account_customer_id")
  @Column({ type: "varchar", nullable: true })
  customer_id!: string | null

  @Column({ type: "varchar" })
  status!: AccountStatus

  /** The balance never goes below it (a CHECK constraint holds it too): 0, or −credit limit. */
  @Column({ type: "bigint", transformer: bigintColumn })
  lower_bound!: number

  @Column({ type: "bigint", transformer: bigintColumn })
  balance!: number

  /** Value left after this instant may be expired (vouchers); null: no validity limit. */
  @Column({ type: "timestamptz", nullable: true })
  expires_at!: Date | null

  @Column({ type: "jsonb", nullable: true })
  metadata!: Record<string, unknown> | null

  @BeforeInsert()
  protected beforeInsert(): void {
    this.id = generateEntityId(this.id, "vacc")
  }
}
