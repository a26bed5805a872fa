import { MigrationInterface, QueryRunner } from "typeorm"

/**
 * The online voucher shop: its settings (one row), the merchant's designs and
 * product vouchers, every bought item of a shop cart (a voucher to issue, or a
 * top-up of a blank voucher), and blank vouchers with serial number and PIN.
 * Amounts are integer minor units (`integer`: a single voucher stays far below
 * 21 million euros, and the shop's maximum is checked).
 */
export class VoucherShop1796000000000 implements MigrationInterface {
  name = "VoucherShop1796000000000"

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE IF NOT EXISTS "gift_card_shop_setting" (
        "id" character varying NOT NULL DEFAULT 'default',
        "enabled" boolean NOT NULL DEFAULT true,
        "currency_code" character varying NOT NULL DEFAULT 'eur',
        "free_amount" boolean NOT NULL DEFAULT true,
        "min_amount" integer NOT NULL DEFAULT 1000,
        "max_amount" integer NOT NULL DEFAULT 50000,
        "preset_amounts" jsonb NOT NULL DEFAULT '[2500, 5000, 10000]',
        "postal_enabled" boolean NOT NULL DEFAULT false,
        "postal_fee" integer NOT NULL DEFAULT 0,
        "send_hour" integer NOT NULL DEFAULT 8,
        "top_up_min" integer NOT NULL DEFAULT 500,
        "top_up_max" integer NOT NULL DEFAULT 50000,
        "texts" jsonb NOT NULL DEFAULT '{}',
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_gift_card_shop_setting" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_gift_card_shop_setting_single" CHECK ("id" = 'default'),
        CONSTRAINT "CHK_gift_card_shop_setting_amounts" CHECK ("min_amount" > 0 AND "max_amount" >= "min_amount" AND "postal_fee" >= 0),
        CONSTRAINT "CHK_gift_card_shop_setting_top_up" CHECK ("top_up_min" > 0 AND "top_up_max" >= "top_up_min"),
        CONSTRAINT "CHK_gift_card_shop_setting_hour" CHECK ("send_hour" BETWEEN 0 AND 23)
      )`)
    await queryRunner.query(`INSERT INTO "gift_card_shop_setting" ("id") VALUES ('default') ON CONFLICT DO NOTHING`)
    await queryRunner.query(`
      CREATE TABLE IF NOT EXISTS "gift_card_shop_design" (
        "id" character varying NOT NULL,
        "name" character varying NOT NULL,
        "image" text NOT NULL,
        "position" integer NOT NULL DEFAULT 0,
        "active" boolean NOT NULL DEFAULT true,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_gift_card_shop_design" PRIMARY KEY ("id")
      )`)
    await queryRunner.query(`
      CREATE TABLE IF NOT EXISTS "gift_card_shop_product" (
        "id" character varying NOT NULL,
        "title" jsonb NOT NULL,
        "amount" integer NOT NULL,
        "position" integer NOT NULL DEFAULT 0,
        "active" boolean NOT NULL DEFAULT true,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_gift_card_shop_product" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_gift_card_shop_product_amount" CHECK ("amount" > 0)
      )`)
    await queryRunner.query(`
      CREATE TABLE IF NOT EXISTS "gift_card_blank_batch" (
        "id" character varying NOT NULL,
        "name" character varying NOT NULL,
        "currency_code" character varying NOT NULL,
        "first_serial" bigint NOT NULL,
        "count" integer NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_gift_card_blank_batch" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_gift_card_blank_batch_count" CHECK ("count" BETWEEN 1 AND 1000)
      )`)
    await queryRunner.query(`
      CREATE TABLE IF NOT EXISTS "gift_card_blank" (
        "card_id" character varying NOT NULL,
        "batch_id" character varying NOT NULL,
        "serial" character varying NOT NULL,
        "pin_hash" character varying NOT NULL,
        "failed_attempts" integer NOT NULL DEFAULT 0,
        "locked_until" TIMESTAMP WITH TIME ZONE,
        "loaded_at" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_gift_card_blank" PRIMARY KEY ("card_id"),
        CONSTRAINT "UQ_gift_card_blank_serial" UNIQUE ("serial"),
        CONSTRAINT "FK_gift_card_blank_batch" FOREIGN KEY ("batch_id") REFERENCES "gift_card_blank_batch"("id")
      )`)
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS "IDX_gift_card_blank_batch" ON "gift_card_blank" ("batch_id")`)
    await queryRunner.query(`
      CREATE TABLE IF NOT EXISTS "gift_card_shop_item" (
        "id" character varying NOT NULL,
        "kind" character varying NOT NULL,
        "cart_id" character varying NOT NULL,
        "line_item_id" character varying NOT NULL,
        "order_id" character varying,
        "amount" integer NOT NULL,
        "currency_code" character varying NOT NULL,
        "design_id" character varying,
        "product_id" character varying,
        "sender_name" character varying,
        "buyer_email" character varying NOT NULL,
        "recipient_name" character varying,
        "recipient_email" character varying,
        "message" text,
        "locale" character varying NOT NULL DEFAULT 'de',
        "delivery" character varying NOT NULL DEFAULT 'email',
        "deliver_on" date,
        "send_at" TIMESTAMP WITH TIME ZONE,
        "shipping_address" jsonb,
        "card_id" character varying,
        "issued_at" TIMESTAMP WITH TIME ZONE,
        "sent_at" TIMESTAMP WITH TIME ZONE,
        "posted_at" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_gift_card_shop_item" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_gift_card_shop_item_line" UNIQUE ("line_item_id"),
        CONSTRAINT "CHK_gift_card_shop_item_kind" CHECK ("kind" IN ('voucher', 'blank_top_up')),
        CONSTRAINT "CHK_gift_card_shop_item_delivery" CHECK ("delivery" IN ('email', 'email_post')),
        CONSTRAINT "CHK_gift_card_shop_item_amount" CHECK ("amount" > 0)
      )`)
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS "IDX_gift_card_shop_item_cart" ON "gift_card_shop_item" ("cart_id")`)
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS "IDX_gift_card_shop_item_order" ON "gift_card_shop_item" ("order_id")`)
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS "IDX_gift_card_shop_item_card" ON "gift_card_shop_item" ("card_id")`)
    await queryRunner.query(
      `CREATE INDEX IF NOT EXISTS "IDX_gift_card_shop_item_due" ON "gift_card_shop_item" ("send_at") WHERE "sent_at" IS NULL AND "issued_at" IS NOT NULL`
    )
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE IF EXISTS "gift_card_shop_item"`)
    await queryRunner.query(`DROP TABLE IF EXISTS "gift_card_blank"`)
    await queryRunner.query(`DROP TABLE IF EXISTS "gift_card_blank_batch"`)
    await queryRunner.query(`DROP TABLE IF EXISTS "gift_card_shop_product"`)
    await queryRunner.query(`DROP TABLE IF EXISTS "gift_card_shop_design"`)
    await queryRunner.query(`DROP TABLE IF EXISTS "gift_card_shop_setting"`)
  }
}
