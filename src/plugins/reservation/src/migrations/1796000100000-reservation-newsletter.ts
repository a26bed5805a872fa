import { MigrationInterface, QueryRunner } from "typeorm"

/**
 * The Medusa customer a newsletter opt-in was handed to (the loyalty plugin's
 * marketing list), set once: a redelivered event never consents again a guest
 * who has unsubscribed since. And where a booking was last moved from (by the
 * engine to make room, or by staff), so the day list shows staff what moved.
 */
export class ReservationNewsletter1796000100000 implements MigrationInterface {
  name = "ReservationNewsletter1796000100000"

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "reservation" ADD COLUMN IF NOT EXISTS "newsletter_customer_id" character varying`)
    await q.query(`ALTER TABLE "reservation" ADD COLUMN IF NOT EXISTS "moved_from_table_ids" character varying[]`)
    await q.query(`ALTER TABLE "reservation" ADD COLUMN IF NOT EXISTS "moved_at" TIMESTAMP WITH TIME ZONE`)
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "reservation" DROP COLUMN IF EXISTS "moved_at"`)
    await q.query(`ALTER TABLE "reservation" DROP COLUMN IF EXISTS "moved_from_table_ids"`)
    await q.query(`ALTER TABLE "reservation" DROP COLUMN IF EXISTS "newsletter_customer_id"`)
  }
}
