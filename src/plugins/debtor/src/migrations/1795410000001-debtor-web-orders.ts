import { MigrationInterface, QueryRunner } from "typeorm"

/** Invoices for web orders paid "on invoice": one per order (the order.placed subscriber's key). */
export class DebtorWebOrders1795410000001 implements MigrationInterface {
  name = "DebtorWebOrders1795410000001"

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "debtor_invoice" ADD COLUMN IF NOT EXISTS "order_id" character varying`)
    await queryRunner.query(`CREATE UNIQUE INDEX IF NOT EXISTS "UQ_debtor_invoice_order" ON "debtor_invoice" ("order_id") WHERE "order_id" IS NOT NULL`)
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX IF EXISTS "UQ_debtor_invoice_order"`)
    await queryRunner.query(`ALTER TABLE "debtor_invoice" DROP COLUMN IF EXISTS "order_id"`)
  }
}
