import { BaseEntity, generateEntityId } from "@medusajs/medusa"
import { BeforeInsert, Column, Entity, Index } from "typeorm"

/** One rendered (or to be rendered) PDF document, stored as a file; its key is the business key. */
@Entity({ name: "job_document" })
export class JobDocument extends BaseEntity {
  @Index("UQ_job_document_key", { unique: true })
  @Column({ type: "varchar" })
  key!: string

  @Column({ type: "varchar" })
  kind!: string

  @Column({ type: "jsonb" })
  data!: Record<string, unknown>

  @Column({ type: "varchar" })
  status!: string

  @Column({ type: "varchar", nullable: true })
  file_key!: string | null

  @Column({ type: "integer", nullable: true })
  size_bytes!: number | null

  @Column({ type: "integer", default: 0 })
  attempts!: number

  @Column({ type: "text", nullable: true })
  last_error!: string | null

  @Column({ type: "timestamptz", nullable: true })
  rendered_at!: Date | null

  @BeforeInsert()
  protected beforeInsert(): void {
    this.id = generateEntityId(this.id, "jdoc")
  }
}
