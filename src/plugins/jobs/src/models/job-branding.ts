import { Column, Entity, PrimaryColumn, UpdateDateColumn } from "typeorm"

/** The merchant's design and company data: one row, id `default`. */
@Entity({ name: "job_branding" })
export class JobBranding {
  @PrimaryColumn({ type: "varchar" })
  id!: string

  @Column({ type: "varchar" })
  sender_name!: string

  @Column({ type: "text", nullable: true })
  logo!: string | null

  @Column({ type: "varchar" })
  primary_color!: string

  @Column({ type: "varchar" })
  secondary_color!: string

  @Column({ type: "text", nullable: true })
  footer_text!: string | null

  @Column({ type: "varchar" })
  default_locale!: string

  @Column({ type: "jsonb", default: () => "'[]'" })
  company_address!: string[]

  @Column({ type: "varchar", nullable: true })
  vat_id!: string | null

  @Column({ type: "varchar", nullable: true })
  tax_number!: string | null

  @Column({ type: "varchar", nullable: true })
  bank_name!: string | null

  @Column({ type: "varchar", nullable: true })
  iban!: string | null

  @Column({ type: "varchar", nullable: true })
  bic!: string | null

  @Column({ type: "varchar", nullable: true })
  reply_to!: string | null

  @UpdateDateColumn({ type: "timestamptz" })
  updated_at!: Date
}
