import { MigrationInterface, QueryRunner } from "typeorm"

/**
 * Orders on invoice (decision 0070, 0071):
 * - per customer, whether the merchant approved buying on invoice and up to
 *   which amount of open invoices (minor units of the store's currency), and
 *   the amounts authorized carts hold against it until their order exists;
 * - credit notes for part of an invoice (a return, a claim, a swap, a
 *   refund), once per Medusa refund (`refund_id`), with their own tax split;
 *   the invoice keeps the sum it has been credited (`credited_total`).
 */
export class DebtorOrdersOnInvoice1795410000003 implements MigrationInterface {
  name = "DebtorOrdersOnInvoice1795410000003"

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "debtor_customer_setting" ADD COLUMN IF NOT EXISTS "invoice_approved" boolean NOT NULL DEFAULT false`)
    await queryRunner.query(`ALTER TABLE "debtor_customer_setting" ADD COLUMN IF NOT EXISTS "invoice_limit" bigint NOT NULL DEFAULT 0`)
    await queryRunner.query(`
      DO $$ BEGIN
        ALTER TABLE "debtor_customer_setting" ADD CONSTRAINT "CHK_debtor_customer_setting_invoice_limit" CHECK ("invoice_limit" >= 0);
      EXCEPTION WHEN duplicate_object THEN NULL; END $$`)
    // An authorized on-invoice cart holds its amount against the customer's limit until its order
    // exists, so two completions at once cannot both pass the limit.
    await queryRunner.query(`
      CREATE TABLE IF NOT EXISTS "debtor_invoice_hold" (
        "cart_id" character varying NOT NULL,
        "customer_id" character varying NOT NULL,
        "currency_code" character varying NOT NULL,
        "amount" bigint NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_debtor_invoice_hold" PRIMARY KEY ("cart_id"),
        CONSTRAINT "CHK_debtor_invoice_hold_amount" CHECK ("amount" >= 0)
      )`)
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS "IDX_debtor_invoice_hold_customer" ON "debtor_invoice_hold" ("customer_id")`)
    await queryRunner.query(`ALTER TABLE "debtor_invoice" ADD COLUMN IF NOT EXISTS "credited_total" bigint NOT NULL DEFAULT 0`)
    await queryRunner.query(`
      DO $$ BEGIN
        ALTER TABLE "debtor_invoice" ADD CONSTRAINT "CHK_debtor_invoice_credited" CHECK ("credited_total" >= 0 AND "credited_total" <= "total");
      EXCEPTION WHEN duplicate_object THEN NULL; END $$`)
    await queryRunner.query(`ALTER TABLE "debtor_credit_note" DROP CONSTRAINT IF EXISTS "UQ_debtor_credit_note_invoice"`)
    await queryRunner.query(`ALTER TABLE "debtor_credit_note" ADD COLUMN IF NOT EXISTS "kind" character varying NOT NULL DEFAULT 'cancellation'`)
    await queryRunner.query(`ALTER TABLE "debtor_credit_note" ADD COLUMN IF NOT EXISTS "refund_id" character varying`)
    await queryRunner.query(`ALTER TABLE "debtor_credit_note" ADD COLUMN IF NOT EXISTS "lines" jsonb`)
    await queryRunner.query(`ALTER TABLE "debtor_credit_note" ADD COLUMN IF NOT EXISTS "tax_groups" jsonb`)
    await queryRunner.query(`
      DO $$ BEGIN
        ALTER TABLE "debtor_credit_note" ADD CONSTRAINT "CHK_debtor_credit_note_kind" CHECK ("kind" IN ('cancellation', 'refund') AND ("kind" = 'refund') = ("refund_id" IS NOT NULL));
      EXCEPTION WHEN duplicate_object THEN NULL; END $$`)
    // One cancellation per invoice (as before), one credit note per Medusa refund.
    await queryRunner.query(`CREATE UNIQUE INDEX IF NOT EXISTS "UQ_debtor_credit_note_cancellation" ON "debtor_credit_note" ("invoice_id") WHERE "kind" = 'cancellation'`)
    await queryRunner.query(`CREATE UNIQUE INDEX IF NOT EXISTS "UQ_debtor_credit_note_refund" ON "debtor_credit_note" ("refund_id") WHERE "refund_id" IS NOT NULL`)
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS "IDX_debtor_credit_note_invoice" ON "debtor_credit_note" ("invoice_id")`)
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX IF EXISTS "IDX_debtor_credit_note_invoice"`)
    await queryRunner.query(`DROP INDEX IF EXISTS "UQ_debtor_credit_note_refund"`)
    await queryRunner.query(`DROP INDEX IF EXISTS "UQ_debtor_credit_note_cancellation"`)
    await queryRunner.query(`ALTER TABLE "debtor_credit_note" DROP CONSTRAINT IF EXISTS "CHK_debtor_credit_note_kind"`)
    await queryRunner.query(`DELETE FROM "debtor_credit_note" WHERE "kind" = 'refund'`)
    await queryRunner.query(`ALTER TABLE "debtor_credit_note" DROP COLUMN IF EXISTS "tax_groups"`)
    await queryRunner.query(`ALTER TABLE "debtor_credit_note" DROP COLUMN IF EXISTS "lines"`)
    await queryRunner.query(`ALTER TABLE "debtor_credit_note" DROP COLUMN IF EXISTS "refund_id"`)
    await queryRunner.query(`ALTER TABLE "debtor_credit_note" DROP COLUMN IF EXISTS "kind"`)
    await queryRunner.query(`ALTER TABLE "debtor_credit_note" ADD CONSTRAINT "UQ_debtor_credit_note_invoice" UNIQUE ("invoice_id")`)
    await queryRunner.query(`DROP TABLE IF EXISTS "debtor_invoice_hold"`)
    await queryRunner.query(`ALTER TABLE "debtor_invoice" DROP CONSTRAINT IF EXISTS "CHK_debtor_invoice_credited"`)
    await queryRunner.query(`ALTER TABLE "debtor_invoice" DROP COLUMN IF EXISTS "credited_total"`)
    await queryRunner.query(`ALTER TABLE "debtor_customer_setting" DROP CONSTRAINT IF EXISTS "CHK_debtor_customer_setting_invoice_limit"`)
    await queryRunner.query(`ALTER TABLE "debtor_customer_setting" DROP COLUMN IF EXISTS "invoice_limit"`)
    await queryRunner.query(`ALTER TABLE "debtor_customer_setting" DROP COLUMN IF EXISTS "invoice_approved"`)
  }
}
