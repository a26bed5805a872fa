import { MigrationInterface, QueryRunner } from "typeorm"

/**
 * Prepaid cards keep their money in the ledger (a card of kind `prepaid_card`
 * with its own value account). This table holds only what the ledger does not:
 * the optional daily spending limit, per value account, so a replacement card
 * (which carries on the same account) keeps it. Its row is also the lock that
 * serialises the charges of a card with a limit.
 *
 * No foreign key to `value_account`: the ledger owns its tables and this plugin
 * reaches them only through the ledger's services.
 */
export class Prepaid1795392000000 implements MigrationInterface {
  name = "Prepaid1795392000000"

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE IF NOT EXISTS "prepaid_card_setting" (
        "account_id" character varying NOT NULL,
        "daily_limit" bigint,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_prepaid_card_setting" PRIMARY KEY ("account_id"),
        CONSTRAINT "CHK_prepaid_card_setting_daily_limit" CHECK ("daily_limit" IS NULL OR "daily_limit" > 0)
      )`)
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE IF EXISTS "prepaid_card_setting"`)
  }
}
