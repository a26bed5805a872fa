import { MigrationInterface, QueryRunner } from "typeorm"

/**
 * Marketing consent of a member: reactivation mails go only to members who
 * agreed (and never to placeholder e-mails); the unsubscribe link clears it.
 */
export class LoyaltyConsent1795393100000 implements MigrationInterface {
  name = "LoyaltyConsent1795393100000"

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "loyalty_member" ADD COLUMN IF NOT EXISTS "marketing_consent" boolean NOT NULL DEFAULT false`)
    await queryRunner.query(`ALTER TABLE "loyalty_member" ADD COLUMN IF NOT EXISTS "consent_changed_at" TIMESTAMP WITH TIME ZONE`)
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "loyalty_member" DROP COLUMN IF EXISTS "consent_changed_at"`)
    await queryRunner.query(`ALTER TABLE "loyalty_member" DROP COLUMN IF EXISTS "marketing_consent"`)
  }
}
