import { MigrationInterface, QueryRunner } from "typeorm"

/** A payment recorded with an Idempotency-Key is recorded once (a double click, a retried request). */
export class DebtorPaymentKeys1795410000002 implements MigrationInterface {
  name = "DebtorPaymentKeys1795410000002"

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "debtor_payment" ADD COLUMN IF NOT EXISTS "idempotency_key" character varying`)
    await queryRunner.query(
      `CREATE UNIQUE INDEX IF NOT EXISTS "UQ_debtor_payment_idempotency_key" ON "debtor_payment" ("idempotency_key") WHERE "idempotency_key" IS NOT NULL`
    )
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX IF EXISTS "UQ_debtor_payment_idempotency_key"`)
    await queryRunner.query(`ALTER TABLE "debtor_payment" DROP COLUMN IF EXISTS "idempotency_key"`)
  }
}
