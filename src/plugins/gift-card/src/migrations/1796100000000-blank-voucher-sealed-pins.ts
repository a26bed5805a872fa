import { MigrationInterface, QueryRunner } from "typeorm"

/**
 * Blank vouchers keep their PIN sealed (AES-256-GCM under a key derived from
 * the server's secret) next to its hash, so the batch's print sheet can be
 * made again; the hash still decides every load (decision 128). Batches made
 * before have no sealed PINs (null): their sheet cannot be printed again.
 */
export class BlankVoucherSealedPins1796100000000 implements MigrationInterface {
  name = "BlankVoucherSealedPins1796100000000"

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "gift_card_blank" ADD COLUMN IF NOT EXISTS "pin_sealed" character varying`)
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "gift_card_blank" DROP COLUMN IF EXISTS "pin_sealed"`)
  }
}
