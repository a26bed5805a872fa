import { MigrationInterface, QueryRunner } from "typeorm"

/**
 * Loyalty keeps points in the ledger (one value account of kind `points` per
 * customer) and cards in the ledger's `card` table (kind `customer_card`). Its
 * own tables hold what the ledger does not:
 * - `loyalty_member`: one row per customer in the programme, with the points
 *   account, the birthday and whether the e-mail is a placeholder (till
 *   registration without an e-mail, decision 30). The row is also the lock that
 *   makes "create the account once" hold under concurrency.
 * - `loyalty_reward`: the reward catalogue (never deleted: redemptions refer to it).
 * - `loyalty_setting`: one row of programme settings (jsonb, validated by zod).
 * - `loyalty_visit`: one row per sale that earned (till receipt or web order),
 *   unique by its business key: recent visits, purchase analysis, and the row
 *   lock under which a cancellation or refund takes points back once.
 *
 * No foreign keys to the ledger's or Medusa's tables: plugins reach each other
 * through services only; the customer id is indexed for joins in reports.
 */
export class Loyalty1795393000000 implements MigrationInterface {
  name = "Loyalty1795393000000"

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE IF NOT EXISTS "loyalty_member" (
        "customer_id" character varying NOT NULL,
        "account_id" character varying,
        "birthday" date,
        "phone" character varying,
        "email_placeholder" boolean NOT NULL DEFAULT false,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_loyalty_member" PRIMARY KEY ("customer_id"),
        CONSTRAINT "UQ_loyalty_member_account" UNIQUE ("account_id")
      )`)
    await queryRunner.query(
      `CREATE INDEX IF NOT EXISTS "IDX_loyalty_member_birthday" ON "loyalty_member" (((EXTRACT(MONTH FROM "birthday") * 100 + EXTRACT(DAY FROM "birthday"))::int)) WHERE "birthday" IS NOT NULL`
    )
    await queryRunner.query(`
      CREATE TABLE IF NOT EXISTS "loyalty_reward" (
        "id" character varying NOT NULL,
        "title" character varying NOT NULL,
        "points" integer NOT NULL,
        "kind" character varying NOT NULL,
        "variant_id" character varying,
        "discount_amount" integer,
        "currency_code" character varying,
        "active" boolean NOT NULL DEFAULT true,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_loyalty_reward" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_loyalty_reward_points" CHECK ("points" > 0),
        CONSTRAINT "CHK_loyalty_reward_kind" CHECK (
          ("kind" = 'product_variant' AND "variant_id" IS NOT NULL)
          OR ("kind" = 'discount' AND "discount_amount" > 0 AND "currency_code" IS NOT NULL))
      )`)
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_reward_active" ON "loyalty_reward" ("active", "points")`)
    await queryRunner.query(`
      CREATE TABLE IF NOT EXISTS "loyalty_setting" (
        "id" character varying NOT NULL,
        "data" jsonb NOT NULL DEFAULT '{}'::jsonb,
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_loyalty_setting" PRIMARY KEY ("id")
      )`)
    await queryRunner.query(`
      CREATE TABLE IF NOT EXISTS "loyalty_visit" (
        "id" character varying NOT NULL,
        "key" character varying NOT NULL,
        "customer_id" character varying NOT NULL,
        "account_id" character varying NOT NULL,
        "source" character varying NOT NULL,
        "order_id" character varying,
        "location_id" character varying,
        "terminal_id" character varying,
        "reference" character varying,
        "amount_minor" bigint NOT NULL,
        "currency_code" character varying NOT NULL,
        "points_earned" integer NOT NULL,
        "points_taken_back" integer NOT NULL DEFAULT 0,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_loyalty_visit" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_loyalty_visit_key" UNIQUE ("key"),
        CONSTRAINT "CHK_loyalty_visit_source" CHECK ("source" IN ('pos', 'web')),
        CONSTRAINT "CHK_loyalty_visit_taken_back" CHECK ("points_taken_back" >= 0 AND "points_taken_back" <= "points_earned")
      )`)
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_visit_customer" ON "loyalty_visit" ("customer_id", "created_at" DESC)`)
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_visit_order" ON "loyalty_visit" ("order_id") WHERE "order_id" IS NOT NULL`)
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE IF EXISTS "loyalty_visit"`)
    await queryRunner.query(`DROP TABLE IF EXISTS "loyalty_setting"`)
    await queryRunner.query(`DROP TABLE IF EXISTS "loyalty_reward"`)
    await queryRunner.query(`DROP TABLE IF EXISTS "loyalty_member"`)
  }
}
