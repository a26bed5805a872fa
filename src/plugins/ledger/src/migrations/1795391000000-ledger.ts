import { MigrationInterface, QueryRunner } from "typeorm"

/**
 * The ledger: value accounts, append-only transactions, cards with their
 * identifiers and merchant number ranges.
 *
 * Money is `bigint` minor units: an `integer` stops at about 21 million euros
 * in cents, too close for a customer account's running total or a points
 * account of a large merchant. The application keeps values within 2^53.
 */
export class Ledger1795391000000 implements MigrationInterface {
  name = "Ledger1795391000000"

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE IF NOT EXISTS "value_account" (
        "id" character varying NOT NULL,
        "kind" character varying NOT NULL,
        "currency_code" character varying NOT NULL,
        "customer_id" character varying,
        "status" character varying NOT NULL DEFAULT 'active',
        "lower_bound" bigint NOT NULL DEFAULT 0,
        "balance" bigint NOT NULL DEFAULT 0,
        "expires_at" TIMESTAMP WITH TIME ZONE,
        "metadata" jsonb,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_value_account" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_value_account_kind" CHECK ("kind" IN ('gift_card', 'prepaid_card', 'customer_account', 'points')),
        CONSTRAINT "CHK_value_account_status" CHECK ("status" IN ('active', 'blocked', 'closed')),
        CONSTRAINT "CHK_value_account_lower_bound" CHECK ("lower_bound" <= 0),
        CONSTRAINT "CHK_value_account_balance_bound" CHECK ("balance" >= "lower_bound"),
        CONSTRAINT "FK_value_account_customer" FOREIGN KEY ("customer_id")
          REFERENCES "customer" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION
      )`)
    await queryRunner.query(
      `CREATE INDEX IF NOT EXISTS "IDX_value_account_customer_id" ON "value_account" ("customer_id")`
    )
    await queryRunner.query(
      `CREATE INDEX IF NOT EXISTS "IDX_value_account_kind_created_at" ON "value_account" ("kind", "created_at")`
    )

    await queryRunner.query(`
      CREATE TABLE IF NOT EXISTS "ledger_transaction" (
        "id" character varying NOT NULL,
        "seq" bigserial NOT NULL,
        "account_id" character varying NOT NULL,
        "type" character varying NOT NULL,
        "amount" bigint NOT NULL,
        "balance_after" bigint NOT NULL,
        "currency_code" character varying NOT NULL,
        "reverses_id" character varying,
        "idempotency_key" character varying,
        "reference" character varying,
        "location_id" character varying,
        "terminal_id" character varying,
        "staff_id" character varying,
        "metadata" jsonb,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT "PK_ledger_transaction" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_ledger_transaction_seq" UNIQUE ("seq"),
        CONSTRAINT "FK_ledger_transaction_account" FOREIGN KEY ("account_id")
          REFERENCES "value_account" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION,
        CONSTRAINT "FK_ledger_transaction_reverses" FOREIGN KEY ("reverses_id")
          REFERENCES "ledger_transaction" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION
      )`)
    await queryRunner.query(
      `CREATE INDEX IF NOT EXISTS "IDX_ledger_transaction_account_id_seq" ON "ledger_transaction" ("account_id", "seq")`
    )
    await queryRunner.query(
      `CREATE INDEX IF NOT EXISTS "IDX_ledger_transaction_created_at" ON "ledger_transaction" ("created_at")`
    )
    await queryRunner.query(
      `CREATE INDEX IF NOT EXISTS "IDX_ledger_transaction_location_id_created_at" ON "ledger_transaction" ("location_id", "created_at")`
    )
    // A transaction is reversed at most once.
    await queryRunner.query(
      `CREATE UNIQUE INDEX IF NOT EXISTS "UQ_ledger_transaction_reverses_id" ON "ledger_transaction" ("reverses_id") WHERE "reverses_id" IS NOT NULL`
    )
    await queryRunner.query(
      `CREATE UNIQUE INDEX IF NOT EXISTS "UQ_ledger_transaction_idempotency_key" ON "ledger_transaction" ("idempotency_key") WHERE "idempotency_key" IS NOT NULL`
    )
    // History is never rewritten: corrections are new transactions.
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION "ledger_transaction_append_only"() RETURNS trigger AS $$
      BEGIN
        RAISE EXCEPTION 'ledger_transaction is append-only: % refused', TG_OP;
      END
      $$ LANGUAGE plpgsql`)
    await queryRunner.query(`DROP TRIGGER IF EXISTS "TRG_ledger_transaction_append_only" ON "ledger_transaction"`)
    await queryRunner.query(`
      CREATE TRIGGER "TRG_ledger_transaction_append_only"
        BEFORE UPDATE OR DELETE ON "ledger_transaction"
        FOR EACH ROW EXECUTE FUNCTION "ledger_transaction_append_only"()`)
    await queryRunner.query(`DROP TRIGGER IF EXISTS "TRG_ledger_transaction_no_truncate" ON "ledger_transaction"`)
    await queryRunner.query(`
      CREATE TRIGGER "TRG_ledger_transaction_no_truncate"
        BEFORE TRUNCATE ON "ledger_transaction"
        FOR EACH STATEMENT EXECUTE FUNCTION "ledger_transaction_append_only"()`)

    await queryRunner.query(`
      CREATE TABLE IF NOT EXISTS "card" (
        "id" character varying NOT NULL,
        "kind" character varying NOT NULL,
        "code" character varying NOT NULL,
        "status" character varying NOT NULL,
        "customer_id" character varying,
        "account_id" character varying,
        "replaced_by_id" character varying,
        "metadata" jsonb,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_card" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_card_kind" CHECK ("kind" IN ('gift_card', 'prepaid_card', 'customer_card')),
        CONSTRAINT "CHK_card_status" CHECK ("status" IN ('inactive', 'active', 'blocked')),
        CONSTRAINT "FK_card_customer" FOREIGN KEY ("customer_id")
          REFERENCES "customer" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION,
        CONSTRAINT "FK_card_account" FOREIGN KEY ("account_id")
          REFERENCES "value_account" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION,
        CONSTRAINT "FK_card_replaced_by" FOREIGN KEY ("replaced_by_id")
          REFERENCES "card" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION
      )`)
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS "IDX_card_customer_id" ON "card" ("customer_id")`)
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS "IDX_card_account_id" ON "card" ("account_id")`)
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS "IDX_card_replaced_by_id" ON "card" ("replaced_by_id")`)
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS "IDX_card_kind_created_at" ON "card" ("kind", "created_at")`)

    await queryRunner.query(`
      CREATE TABLE IF NOT EXISTS "card_identifier" (
        "id" character varying NOT NULL,
        "card_id" character varying NOT NULL,
        "kind" character varying NOT NULL,
        "value" character varying NOT NULL,
        "normalized" character varying NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_card_identifier" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_card_identifier_normalized" UNIQUE ("normalized"),
        CONSTRAINT "CHK_card_identifier_kind" CHECK ("kind" IN ('printed', 'barcode', 'qr', 'rfid')),
        CONSTRAINT "CHK_card_identifier_normalized" CHECK ("normalized" <> '' AND length("normalized") <= 128),
        CONSTRAINT "FK_card_identifier_card" FOREIGN KEY ("card_id")
          REFERENCES "card" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION
      )`)
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS "IDX_card_identifier_card_id" ON "card_identifier" ("card_id")`)

    await queryRunner.query(`
      CREATE TABLE IF NOT EXISTS "code_range" (
        "id" character varying NOT NULL,
        "name" character varying NOT NULL,
        "card_kind" character varying NOT NULL,
        "prefix" character varying NOT NULL,
        "start" bigint NOT NULL,
        "end" bigint NOT NULL,
        "next" bigint NOT NULL,
        "width" integer NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_code_range" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_code_range_bounds" CHECK ("start" >= 0 AND "end" >= "start" AND "next" >= "start" AND "next" <= "end" + 1),
        CONSTRAINT "CHK_code_range_prefix" CHECK ("prefix" ~ '^[A-Z0-9]{0,12}$'),
        CONSTRAINT "CHK_code_range_card_kind" CHECK ("card_kind" IN ('gift_card', 'prepaid_card', 'customer_card'))
      )`)
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS "IDX_code_range_prefix" ON "code_range" ("prefix")`)
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE IF EXISTS "code_range"`)
    await queryRunner.query(`DROP TABLE IF EXISTS "card_identifier"`)
    await queryRunner.query(`DROP TABLE IF EXISTS "card"`)
    await queryRunner.query(`DROP TABLE IF EXISTS "ledger_transaction"`)
    await queryRunner.query(`DROP FUNCTION IF EXISTS "ledger_transaction_append_only"()`)
    await queryRunner.query(`DROP TABLE IF EXISTS "value_account"`)
  }
}
