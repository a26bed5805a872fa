import { MigrationInterface, QueryRunner } from "typeorm"

/**
 * The Medusa customer a newsletter opt-in was handed to (the loyalty plugin's
 * marketing list), set once: a redelivered event never consents again a guest
 * who has unsubscribed since.
 */
export class ReservationNewsletter1796000100000 implements MigrationInterface {
  name = "ReservationNewsletter1796000100000"

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "reservation" ADD COLUMN IF NOT EXISTS "newsletter_customer_id" character varying`)
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "reservation" DROP COLUMN IF EXISTS "newsletter_customer_id"`)
  }
}
