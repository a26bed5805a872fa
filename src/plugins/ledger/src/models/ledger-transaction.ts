import { generateEntityId } from "@medusajs/medusa"
import { BeforeInsert, Column, Entity, Index, PrimaryColumn } from "typeorm"

import type { TransactionType } from "../types"
import { bigintColumn } from "../utils/bigint"

/**
 * One change of a value account, append-only (a trigger refuses UPDATE and
 * DELETE). `seq` orders an account's history in the order its row lock was taken.
 */
@Entity({ name: "ledger_transaction" })
export class LedgerTransaction {
  @PrimaryColumn({ type: "varchar" })
  id!: string

  @Column({ type: "bigint", transformer: bigintColumn, insert: false, update: false })
  seq!: number

  @Index("IDX_ledger_transaction_account_id_seq")
  @Column({ type: "varchar" })
  account_id!: string

  @Column({ type: "varchar" })
  type!: TransactionType

  @Column({ type: "bigint", transformer: bigintColumn })
  amount!: number

  @Column({ type: "bigint", transformer: bigintColumn })
  balance_after!: number

  @Column({ type: "varchar" })
  currency_code!: string

  @Column({ type: "varchar", nullable: true })
  reverses_id!: string | null

  @Column({ type: "varchar", nullable: true })
  idempotency_key!: string | null

  @Column({ type: "varchar", nullable: true })
  reference!: string | null

  @Column({ type: "varchar", nullable: true })
  location_id!: string | null

  @Column({ type: "varchar", nullable: true })
  terminal_id!: string | null

  @Column({ type: "varchar", nullable: true })
  staff_id!: string | null

  @Column({ type: "jsonb", nullable: true })
  metadata!: Record<string, unknown> | null

  @Column({ type: "timestamptz", insert: false, update: false })
  created_at!: Date

  @BeforeInsert()
  protected beforeInsert(): void {
    this.id = generateEntityId(this.id, "ltx")
  }
}
