import { MigrationInterface, QueryRunner } from "typeorm"

/**
 * Invoices written at the till, their payments and credit notes, the gapless
 * number counters, reminder levels sent and per-customer debtor settings.
 * Amounts are bigint minor units (an invoice may exceed 21 million euros in
 * cents only in theory, but a debtor list's sums should never overflow).
 * Customer accounts live in the ledger (accounts of kind `customer_account`).
 */
export class Debtor1795410000000 implements MigrationInterface {
  name = "Debtor1795410000000"

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE IF NOT EXISTS "debtor_number_counter" (
        "series" character varying NOT NULL,
        "year" integer NOT NULL,
        "prefix" character varying NOT NULL DEFAULT '',
        "next" integer NOT NULL,
        CONSTRAINT "PK_debtor_number_counter" PRIMARY KEY ("series", "year", "prefix"),
        CONSTRAINT "CHK_debtor_number_counter_next" CHECK ("next" >= 1)
      )`)
    await queryRunner.query(`
      CREATE TABLE IF NOT EXISTS "debtor_invoice" (
        "id" character varying NOT NULL,
        "number" character varying NOT NULL,
        "year" integer NOT NULL,
        "prefix" character varying NOT NULL DEFAULT '',
        "sequence" integer NOT NULL,
        "status" character varying NOT NULL DEFAULT 'open',
        "customer_id" character varying,
        "buyer_name" character varying,
        "buyer_address" jsonb NOT NULL DEFAULT '[]',
        "email" character varying,
        "currency_code" character varying NOT NULL,
        "lines" jsonb NOT NULL,
        "tax_groups" jsonb NOT NULL,
        "net_total" bigint NOT NULL,
        "tax_total" bigint NOT NULL,
        "total" bigint NOT NULL,
        "paid_total" bigint NOT NULL DEFAULT 0,
        "issue_date" date NOT NULL,
        "due_date" date NOT NULL,
        "payment_terms_days" integer NOT NULL,
        "time_zone" character varying NOT NULL,
        "location_id" character varying,
        "terminal_id" character varying,
        "staff_id" character varying,
        "version" integer NOT NULL DEFAULT 1,
        "paid_at" TIMESTAMP WITH TIME ZONE,
        "cancelled_at" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_debtor_invoice" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_debtor_invoice_number" UNIQUE ("number"),
        CONSTRAINT "CHK_debtor_invoice_status" CHECK ("status" IN ('open', 'paid', 'cancelled')),
        CONSTRAINT "CHK_debtor_invoice_total" CHECK ("total" > 0 AND "paid_total" >= 0 AND "paid_total" <= "total")
      )`)
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS "IDX_debtor_invoice_customer" ON "debtor_invoice" ("customer_id")`)
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS "IDX_debtor_invoice_status_due" ON "debtor_invoice" ("status", "due_date")`)
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS "IDX_debtor_invoice_issue_date" ON "debtor_invoice" ("issue_date")`)
    await queryRunner.query(`
      CREATE TABLE IF NOT EXISTS "debtor_payment" (
        "id" character varying NOT NULL,
        "invoice_id" character varying NOT NULL,
        "amount" bigint NOT NULL,
        "method" character varying NOT NULL,
        "paid_on" date NOT NULL,
        "reference" character varying,
        "user_id" character varying,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_debtor_payment" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_debtor_payment_amount" CHECK ("amount" > 0),
        CONSTRAINT "FK_debtor_payment_invoice" FOREIGN KEY ("invoice_id") REFERENCES "debtor_invoice" ("id")
      )`)
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS "IDX_debtor_payment_invoice" ON "debtor_payment" ("invoice_id")`)
    await queryRunner.query(`
      CREATE TABLE IF NOT EXISTS "debtor_credit_note" (
        "id" character varying NOT NULL,
        "number" character varying NOT NULL,
        "invoice_id" character varying NOT NULL,
        "total" bigint NOT NULL,
        "reason" character varying,
        "issue_date" date NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_debtor_credit_note" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_debtor_credit_note_number" UNIQUE ("number"),
        CONSTRAINT "UQ_debtor_credit_note_invoice" UNIQUE ("invoice_id"),
        CONSTRAINT "FK_debtor_credit_note_invoice" FOREIGN KEY ("invoice_id") REFERENCES "debtor_invoice" ("id")
      )`)
    await queryRunner.query(`
      CREATE TABLE IF NOT EXISTS "debtor_invoice_correction" (
        "id" character varying NOT NULL,
        "invoice_id" character varying NOT NULL,
        "before" jsonb NOT NULL,
        "after" jsonb NOT NULL,
        "user_id" character varying,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_debtor_invoice_correction" PRIMARY KEY ("id"),
        CONSTRAINT "FK_debtor_invoice_correction_invoice" FOREIGN KEY ("invoice_id") REFERENCES "debtor_invoice" ("id")
      )`)
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS "IDX_debtor_invoice_correction_invoice" ON "debtor_invoice_correction" ("invoice_id")`)
    await queryRunner.query(`
      CREATE TABLE IF NOT EXISTS "debtor_reminder" (
        "invoice_id" character varying NOT NULL,
        "level" integer NOT NULL,
        "sent_on" date NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_debtor_reminder" PRIMARY KEY ("invoice_id", "level"),
        CONSTRAINT "CHK_debtor_reminder_level" CHECK ("level" BETWEEN 1 AND 3),
        CONSTRAINT "FK_debtor_reminder_invoice" FOREIGN KEY ("invoice_id") REFERENCES "debtor_invoice" ("id")
      )`)
    await queryRunner.query(`
      CREATE TABLE IF NOT EXISTS "debtor_customer_setting" (
        "customer_id" character varying NOT NULL,
        "payment_terms_days" integer,
        "monthly_statement" boolean NOT NULL DEFAULT false,
        "address_lines" jsonb NOT NULL DEFAULT '[]',
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_debtor_customer_setting" PRIMARY KEY ("customer_id"),
        CONSTRAINT "CHK_debtor_customer_setting_terms" CHECK ("payment_terms_days" IS NULL OR "payment_terms_days" BETWEEN 0 AND 365)
      )`)
    await queryRunner.query(`
      CREATE TABLE IF NOT EXISTS "debtor_location_setting" (
        "location_id" character varying NOT NULL,
        "number_prefix" character varying NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_debtor_location_setting" PRIMARY KEY ("location_id"),
        CONSTRAINT "UQ_debtor_location_setting_prefix" UNIQUE ("number_prefix"),
        CONSTRAINT "CHK_debtor_location_setting_prefix" CHECK ("number_prefix" ~ '^[A-Z0-9]{1,8}$')
      )`)
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE IF EXISTS "debtor_location_setting"`)
    await queryRunner.query(`DROP TABLE IF EXISTS "debtor_customer_setting"`)
    await queryRunner.query(`DROP TABLE IF EXISTS "debtor_reminder"`)
    await queryRunner.query(`DROP TABLE IF EXISTS "debtor_invoice_correction"`)
    await queryRunner.query(`DROP TABLE IF EXISTS "debtor_credit_note"`)
    await queryRunner.query(`DROP TABLE IF EXISTS "debtor_payment"`)
    await queryRunner.query(`DROP TABLE IF EXISTS "debtor_invoice"`)
    await queryRunner.query(`DROP TABLE IF EXISTS "debtor_number_counter"`)
  }
}
