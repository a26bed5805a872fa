import { MigrationInterface, QueryRunner } from "typeorm"

/**
 * Questionnaires with immutable versions, what each feedback tablet shows,
 * responses (unique per tablet and client id, so a resend stores nothing),
 * checklists, checks signed by a staff member and staff shifts.
 *
 * Terminal, location and staff ids are the POS plugin's; no foreign keys to
 * its tables (plugins reach each other only through services).
 */
export class Feedback1795400000000 implements MigrationInterface {
  name = "Feedback1795400000000"

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE IF NOT EXISTS "feedback_questionnaire" (
        "id" character varying NOT NULL,
        "title" character varying NOT NULL,
        "version" integer NOT NULL,
        "archived_at" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_feedback_questionnaire" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_feedback_questionnaire_version" CHECK ("version" >= 1)
      )`)
    await queryRunner.query(`
      CREATE TABLE IF NOT EXISTS "feedback_questionnaire_version" (
        "id" character varying NOT NULL,
        "questionnaire_id" character varying NOT NULL,
        "version" integer NOT NULL,
        "title" character varying NOT NULL,
        "definition" jsonb NOT NULL,
        "created_by" character varying,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_feedback_questionnaire_version" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_feedback_questionnaire_version" UNIQUE ("questionnaire_id", "version"),
        CONSTRAINT "FK_feedback_questionnaire_version_questionnaire" FOREIGN KEY ("questionnaire_id") REFERENCES "feedback_questionnaire"("id")
      )`)
    await queryRunner.query(`
      CREATE TABLE IF NOT EXISTS "feedback_terminal" (
        "terminal_id" character varying NOT NULL,
        "questionnaire_ids" jsonb NOT NULL DEFAULT '[]',
        "rotate_minutes" integer,
        "windows" jsonb NOT NULL DEFAULT '[]',
        "idle_seconds" integer NOT NULL DEFAULT 30,
        "press_interval_ms" integer NOT NULL DEFAULT 700,
        "show_last_check" boolean NOT NULL DEFAULT true,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_feedback_terminal" PRIMARY KEY ("terminal_id"),
        CONSTRAINT "CHK_feedback_terminal_rotate" CHECK ("rotate_minutes" IS NULL OR "rotate_minutes" >= 1)
      )`)
    await queryRunner.query(`
      CREATE TABLE IF NOT EXISTS "feedback_response" (
        "id" character varying NOT NULL,
        "questionnaire_id" character varying NOT NULL,
        "version" integer NOT NULL,
        "terminal_id" character varying NOT NULL,
        "location_id" character varying NOT NULL,
        "client_id" character varying NOT NULL,
        "locale" character varying,
        "answered_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "answers" jsonb NOT NULL,
        "question_order" jsonb NOT NULL,
        "seed" bigint NOT NULL,
        CONSTRAINT "PK_feedback_response" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_feedback_response_client" UNIQUE ("terminal_id", "client_id"),
        CONSTRAINT "FK_feedback_response_version" FOREIGN KEY ("questionnaire_id", "version") REFERENCES "feedback_questionnaire_version"("questionnaire_id", "version")
      )`)
    await queryRunner.query(
      `CREATE INDEX IF NOT EXISTS "IDX_feedback_response_questionnaire_answered" ON "feedback_response" ("questionnaire_id", "answered_at")`
    )
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS "IDX_feedback_response_location" ON "feedback_response" ("location_id", "answered_at")`)
    await queryRunner.query(`
      CREATE TABLE IF NOT EXISTS "feedback_checklist" (
        "id" character varying NOT NULL,
        "location_id" character varying NOT NULL,
        "name" character varying NOT NULL,
        "items" jsonb NOT NULL DEFAULT '[]',
        "interval_minutes" integer,
        "opening_hours" jsonb NOT NULL DEFAULT '[]',
        "show_last" boolean NOT NULL DEFAULT true,
        "archived_at" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_feedback_checklist" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_feedback_checklist_interval" CHECK ("interval_minutes" IS NULL OR "interval_minutes" >= 1)
      )`)
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS "IDX_feedback_checklist_location" ON "feedback_checklist" ("location_id")`)
    await queryRunner.query(`
      CREATE TABLE IF NOT EXISTS "feedback_check" (
        "id" character varying NOT NULL,
        "checklist_id" character varying NOT NULL,
        "staff_id" character varying NOT NULL,
        "terminal_id" character varying NOT NULL,
        "location_id" character varying NOT NULL,
        "client_id" character varying NOT NULL,
        "items" jsonb NOT NULL DEFAULT '[]',
        "checked_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_feedback_check" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_feedback_check_client" UNIQUE ("terminal_id", "client_id"),
        CONSTRAINT "FK_feedback_check_checklist" FOREIGN KEY ("checklist_id") REFERENCES "feedback_checklist"("id")
      )`)
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS "IDX_feedback_check_checklist" ON "feedback_check" ("checklist_id", "checked_at" DESC)`)
    await queryRunner.query(`
      CREATE TABLE IF NOT EXISTS "feedback_shift" (
        "id" character varying NOT NULL,
        "location_id" character varying NOT NULL,
        "staff_id" character varying,
        "name" character varying NOT NULL,
        "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_feedback_shift" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_feedback_shift_span" CHECK ("ends_at" > "starts_at")
      )`)
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS "IDX_feedback_shift_location" ON "feedback_shift" ("location_id", "starts_at")`)
    await queryRunner.query(`
      CREATE TABLE IF NOT EXISTS "feedback_alert" (
        "questionnaire_id" character varying NOT NULL,
        "email" character varying NOT NULL,
        "locale" character varying NOT NULL DEFAULT 'de',
        "threshold_percent" integer NOT NULL,
        "window_minutes" integer NOT NULL,
        "min_responses" integer NOT NULL DEFAULT 5,
        "active" boolean NOT NULL DEFAULT true,
        "last_alert_at" TIMESTAMP WITH TIME ZONE,
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_feedback_alert" PRIMARY KEY ("questionnaire_id"),
        CONSTRAINT "FK_feedback_alert_questionnaire" FOREIGN KEY ("questionnaire_id") REFERENCES "feedback_questionnaire"("id"),
        CONSTRAINT "CHK_feedback_alert_threshold" CHECK ("threshold_percent" BETWEEN 1 AND 100),
        CONSTRAINT "CHK_feedback_alert_window" CHECK ("window_minutes" >= 1)
      )`)
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      "feedback_alert",
      "feedback_shift",
      "feedback_check",
      "feedback_checklist",
      "feedback_response",
      "feedback_terminal",
      "feedback_questionnaire_version",
      "feedback_questionnaire",
    ]) {
      await queryRunner.query(`DROP TABLE IF EXISTS "${table}"`)
    }
  }
}
