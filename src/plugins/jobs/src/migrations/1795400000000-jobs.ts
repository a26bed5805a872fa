import { MigrationInterface, QueryRunner } from "typeorm"

/** Jobs: the mail log, rendered documents, the merchant's branding (one row) and schedules. */
export class Jobs1795400000000 implements MigrationInterface {
  name = "Jobs1795400000000"

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE IF NOT EXISTS "job_mail" (
        "id" character varying NOT NULL,
        "key" character varying NOT NULL,
        "kind" character varying NOT NULL,
        "to" character varying NOT NULL,
        "locale" character varying,
        "data" jsonb NOT NULL,
        "attachments" jsonb NOT NULL DEFAULT '[]',
        "subject" character varying,
        "html" text,
        "text" text,
        "status" character varying NOT NULL,
        "attempts" integer NOT NULL DEFAULT 0,
        "last_error" text,
        "transport" character varying,
        "message_id" character varying,
        "eml_path" character varying,
        "sent_at" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_job_mail" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_job_mail_key" UNIQUE ("key"),
        CONSTRAINT "CHK_job_mail_status" CHECK ("status" IN ('queued', 'sent', 'failed'))
      )`)
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS "IDX_job_mail_created_at" ON "job_mail" ("created_at")`)
    await queryRunner.query(
      `CREATE INDEX IF NOT EXISTS "IDX_job_mail_status_queued" ON "job_mail" ("created_at") WHERE "status" = 'queued'`
    )

    await queryRunner.query(`
      CREATE TABLE IF NOT EXISTS "job_document" (
        "id" character varying NOT NULL,
        "key" character varying NOT NULL,
        "kind" character varying NOT NULL,
        "data" jsonb NOT NULL,
        "status" character varying NOT NULL,
        "file_key" character varying,
        "size_bytes" integer,
        "attempts" integer NOT NULL DEFAULT 0,
        "last_error" text,
        "rendered_at" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_job_document" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_job_document_key" UNIQUE ("key"),
        CONSTRAINT "CHK_job_document_status" CHECK ("status" IN ('queued', 'rendered', 'failed'))
      )`)
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS "IDX_job_document_created_at" ON "job_document" ("created_at")`)

    await queryRunner.query(`
      CREATE TABLE IF NOT EXISTS "job_branding" (
        "id" character varying NOT NULL,
        "sender_name" character varying NOT NULL,
        "logo" text,
        "primary_color" character varying NOT NULL,
        "secondary_color" character varying NOT NULL,
        "footer_text" text,
        "default_locale" character varying NOT NULL,
        "company_address" jsonb NOT NULL DEFAULT '[]',
        "vat_id" character varying,
        "tax_number" character varying,
        "bank_name" character varying,
        "iban" character varying,
        "bic" character varying,
        "reply_to" character varying,
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_job_branding" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_job_branding_single" CHECK ("id" = 'default'),
        CONSTRAINT "CHK_job_branding_locale" CHECK ("default_locale" IN ('de', 'en', 'pt'))
      )`)
    await queryRunner.query(`
      INSERT INTO "job_branding" ("id", "sender_name", "primary_color", "secondary_color", "default_locale", "footer_text")
      VALUES ('default', 'Customer Modules Demo', '#1f2937', '#f59e0b', 'de', NULL)
      ON CONFLICT ("id") DO NOTHING`)

    await queryRunner.query(`
      CREATE TABLE IF NOT EXISTS "job_schedule" (
        "name" character varying NOT NULL,
        "cron" character varying NOT NULL,
        "last_run_at" TIMESTAMP WITH TIME ZONE,
        "last_status" character varying,
        "last_error" text,
        "last_duration_ms" integer,
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_job_schedule" PRIMARY KEY ("name")
      )`)
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE IF EXISTS "job_schedule"`)
    await queryRunner.query(`DROP TABLE IF EXISTS "job_branding"`)
    await queryRunner.query(`DROP TABLE IF EXISTS "job_document"`)
    await queryRunner.query(`DROP TABLE IF EXISTS "job_mail"`)
  }
}
