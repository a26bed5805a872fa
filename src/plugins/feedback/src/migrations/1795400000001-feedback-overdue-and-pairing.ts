import { MigrationInterface, QueryRunner } from "typeorm"

/**
 * Overdue mails of a checklist (whom to mail, in which language, and the due
 * time last mailed, so each overdue period is mailed once) and the tablets'
 * pairing codes (kept as their sha256, single use, short-lived).
 */
export class FeedbackOverdueAndPairing1795400000001 implements MigrationInterface {
  name = "FeedbackOverdueAndPairing1795400000001"

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "feedback_checklist" ADD COLUMN IF NOT EXISTS "overdue_email" character varying`)
    await queryRunner.query(`ALTER TABLE "feedback_checklist" ADD COLUMN IF NOT EXISTS "overdue_locale" character varying NOT NULL DEFAULT 'de'`)
    await queryRunner.query(`ALTER TABLE "feedback_checklist" ADD COLUMN IF NOT EXISTS "overdue_mailed_for" TIMESTAMP WITH TIME ZONE`)
    await queryRunner.query(`
      CREATE TABLE IF NOT EXISTS "feedback_pairing" (
        "code_hash" character varying NOT NULL,
        "terminal_id" character varying NOT NULL,
        "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "used_at" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_feedback_pairing" PRIMARY KEY ("code_hash")
      )`)
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS "IDX_feedback_pairing_terminal" ON "feedback_pairing" ("terminal_id")`)
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE IF EXISTS "feedback_pairing"`)
    for (const column of ["overdue_mailed_for", "overdue_locale", "overdue_email"]) {
      await queryRunner.query(`ALTER TABLE "feedback_checklist" DROP COLUMN IF EXISTS "${column}"`)
    }
  }
}
