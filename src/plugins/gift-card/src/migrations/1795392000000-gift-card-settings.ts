import { MigrationInterface, QueryRunner } from "typeorm"

/**
 * The merchant's voucher settings: how long a sold voucher stays valid
 * (none, N months, or N years after the end of the year of sale: the German
 * statutory period is 3) and the time zone used where no location is known.
 */
export class GiftCardSettings1795392000000 implements MigrationInterface {
  name = "GiftCardSettings1795392000000"

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE IF NOT EXISTS "gift_card_setting" (
        "id" character varying NOT NULL DEFAULT 'default',
        "validity" character varying NOT NULL DEFAULT 'none',
        "validity_count" integer NOT NULL DEFAULT 3,
        "time_zone" character varying NOT NULL DEFAULT 'Europe/Berlin',
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_gift_card_setting" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_gift_card_setting_single" CHECK ("id" = 'default'),
        CONSTRAINT "CHK_gift_card_setting_validity" CHECK ("validity" IN ('none', 'months', 'years_after_year_end')),
        CONSTRAINT "CHK_gift_card_setting_count" CHECK ("validity_count" BETWEEN 1 AND 600)
      )`)
    await queryRunner.query(`INSERT INTO "gift_card_setting" ("id") VALUES ('default') ON CONFLICT DO NOTHING`)
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE IF EXISTS "gift_card_setting"`)
  }
}
