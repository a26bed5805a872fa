import { Column, Entity, PrimaryColumn, UpdateDateColumn } from "typeorm"

/** A registered recurring job and how its last run went. */
@Entity({ name: "job_schedule" })
export class JobSchedule {
  @PrimaryColumn({ type: "varchar" })
  name!: string

  @Column({ type: "varchar" })
  cron!: string

  @Column({ type: "timestamptz", nullable: true })
  last_run_at!: Date | null

  @Column({ type: "varchar", nullable: true })
  last_status!: string | null

  @Column({ type: "text", nullable: true })
  last_error!: string | null

  @Column({ type: "integer", nullable: true })
  last_duration_ms!: number | null

  @UpdateDateColumn({ type: "timestamptz" })
  updated_at!: Date
}
