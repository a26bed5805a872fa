import { BaseEntity, generateEntityId } from "@medusajs/medusa"
import { BeforeInsert, Column, Entity, Index } from "typeorm"

/** One mail: its business key (unique: a second enqueue is the same mail), status and rendered content. */
@Entity({ name: "job_mail" })
export class JobMail extends BaseEntity {
  @Index("UQ_job_mail_key", { unique: true })
  @Column({ type: "varchar" })
  key!: string

  @Column({ type: "varchar" })
  kind!: string

  @Column({ type: "varchar" })
  to!: string

  @Column({ type: "varchar", nullable: true })
  locale!: string | null

  @Column({ type: "jsonb" })
  data!: Record<string, unknown>

  @Column({ type: "jsonb", default: () => "'[]'" })
  attachments!: unknown[]

  @Column({ type: "varchar", nullable: true })
  subject!: string | null

  @Column({ type: "text", nullable: true })
  html!: string | null

  @Column({ type: "text", nullable: true })
  text!: string | null

  @Column({ type: "varchar" })
  status!: string

  @Column({ type: "integer", default: 0 })
  attempts!: number

  @Column({ type: "text", nullable: true })
  last_error!: string | null

  @Column({ type: "varchar", nullable: true })
  transport!: string | null

  @Column({ type: "varchar", nullable: true })
  message_id!: string | null

  @Column({ type: "varchar", nullable: true })
  eml_path!: string | null

  @Column({ type: "timestamptz", nullable: true })
  sent_at!: Date | null

  @BeforeInsert()
  protected beforeInsert(): void {
    this.id = generateEntityId(this.id, "jmail")
  }
}
