import { MigrationInterface, QueryRunner } from "typeorm"

/**
 * POS access: locations (each with its Medusa sales channel), terminals with
 * hashed keys and scopes, staff members and their RFID cards.
 */
export class Pos1795391096107 implements MigrationInterface {
  name = "Pos1795391096107"

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE IF NOT EXISTS "pos_location" (
        "id" character varying NOT NULL,
        "name" character varying NOT NULL,
        "time_zone" character varying NOT NULL,
        "address" text,
        "sales_channel_id" character varying NOT NULL,
        "metadata" jsonb,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_pos_location" PRIMARY KEY ("id"),
        CONSTRAINT "FK_pos_location_sales_channel" FOREIGN KEY ("sales_channel_id")
          REFERENCES "sales_channel" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION
      )`)
    await queryRunner.query(
      `CREATE INDEX IF NOT EXISTS "IDX_pos_location_sales_channel_id" ON "pos_location" ("sales_channel_id")`
    )

    await queryRunner.query(`
      CREATE TABLE IF NOT EXISTS "pos_terminal" (
        "id" character varying NOT NULL,
        "name" character varying NOT NULL,
        "location_id" character varying NOT NULL,
        "scopes" text[] NOT NULL DEFAULT '{}',
        "key_hash" character varying NOT NULL,
        "key_prefix" character varying NOT NULL,
        "last_seen_at" TIMESTAMP WITH TIME ZONE,
        "revoked_at" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_pos_terminal" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_pos_terminal_key_hash" UNIQUE ("key_hash"),
        CONSTRAINT "CHK_pos_terminal_key_hash" CHECK ("key_hash" ~ '^[0-9a-f]{64}$'),
        CONSTRAINT "FK_pos_terminal_location" FOREIGN KEY ("location_id")
          REFERENCES "pos_location" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION
      )`)
    await queryRunner.query(
      `CREATE INDEX IF NOT EXISTS "IDX_pos_terminal_location_id" ON "pos_terminal" ("location_id")`
    )

    await queryRunner.query(`
      CREATE TABLE IF NOT EXISTS "staff_member" (
        "id" character varying NOT NULL,
        "name" character varying NOT NULL,
        "location_id" character varying,
        "active" boolean NOT NULL DEFAULT true,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_staff_member" PRIMARY KEY ("id"),
        CONSTRAINT "FK_staff_member_location" FOREIGN KEY ("location_id")
          REFERENCES "pos_location" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION
      )`)
    await queryRunner.query(
      `CREATE INDEX IF NOT EXISTS "IDX_staff_member_location_id" ON "staff_member" ("location_id")`
    )

    await queryRunner.query(`
      CREATE TABLE IF NOT EXISTS "staff_card" (
        "id" character varying NOT NULL,
        "staff_id" character varying NOT NULL,
        "uid" character varying NOT NULL,
        "uid_normalized" character varying NOT NULL,
        "revoked_at" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_staff_card" PRIMARY KEY ("id"),
        CONSTRAINT "FK_staff_card_staff" FOREIGN KEY ("staff_id")
          REFERENCES "staff_member" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION
      )`)
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS "IDX_staff_card_staff_id" ON "staff_card" ("staff_id")`)
    // A UID belongs to one active card at a time; a revoked card's UID may be handed out again.
    await queryRunner.query(
      `CREATE UNIQUE INDEX IF NOT EXISTS "UQ_staff_card_uid_normalized_active" ON "staff_card" ("uid_normalized") WHERE "revoked_at" IS NULL`
    )
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE IF EXISTS "staff_card"`)
    await queryRunner.query(`DROP TABLE IF EXISTS "staff_member"`)
    await queryRunner.query(`DROP TABLE IF EXISTS "pos_terminal"`)
    await queryRunner.query(`DROP TABLE IF EXISTS "pos_location"`)
  }
}
