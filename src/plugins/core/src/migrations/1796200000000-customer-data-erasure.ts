import { MigrationInterface, QueryRunner } from "typeorm"

/**
 * The audit of customer erasures (GDPR art. 17): who erased whom and when,
 * and per plugin what was anonymised and what was kept and why. No personal
 * data: the customer's id only (the anonymised Medusa row stays), counts and
 * reasons. One row per customer, so an erasure happens once.
 */
export class CustomerDataErasure1796200000000 implements MigrationInterface {
  name = "CustomerDataErasure1796200000000"

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE IF NOT EXISTS "customer_data_erasure" (
        "id" character varying NOT NULL,
        "customer_id" character varying NOT NULL,
        "erased_by" character varying,
        "erased_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "sections" jsonb NOT NULL DEFAULT '[]',
        CONSTRAINT "PK_customer_data_erasure" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_customer_data_erasure_customer" UNIQUE ("customer_id"),
        CONSTRAINT "FK_customer_data_erasure_customer" FOREIGN KEY ("customer_id")
          REFERENCES "customer" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION
      )`)
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS "IDX_customer_data_erasure_erased_at" ON "customer_data_erasure" ("erased_at")`)
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE IF EXISTS "customer_data_erasure"`)
  }
}
