import { MigrationInterface, QueryRunner } from "typeorm"

/**
 * Table reservations. The guarantee against double booking lives in
 * `reservation_allocation`: one row per reservation and table it holds, with the
 * seating plus buffer as a `tstzrange`, and an exclusion constraint (btree_gist)
 * that no two rows of one table overlap. The engine chooses; the database refuses.
 *
 * `location_id` refers to the POS plugin's locations; no foreign key across plugins.
 */
export class Reservation1796000000000 implements MigrationInterface {
  name = "Reservation1796000000000"

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`)
    await q.query(`
      CREATE TABLE IF NOT EXISTS "reservation_settings" (
        "location_id" character varying NOT NULL,
        "online" boolean NOT NULL DEFAULT true,
        "slot_minutes" integer NOT NULL,
        "opening_hours" jsonb NOT NULL DEFAULT '[]',
        "closed_dates" jsonb NOT NULL DEFAULT '[]',
        "turn_minutes" integer NOT NULL,
        "turn_minutes_by_party" jsonb NOT NULL DEFAULT '[]',
        "buffer_minutes" integer NOT NULL DEFAULT 0,
        "min_party" integer NOT NULL DEFAULT 1,
        "max_party" integer NOT NULL,
        "lead_minutes" integer NOT NULL DEFAULT 0,
        "horizon_days" integer NOT NULL,
        "pacing_covers" integer,
        "pacing_online_covers" integer,
        "cancel_cutoff_minutes" integer NOT NULL DEFAULT 120,
        "no_show_limit" integer NOT NULL DEFAULT 3,
        "no_show_months" integer NOT NULL DEFAULT 12,
        "newsletter_consent_text" text,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_reservation_settings" PRIMARY KEY ("location_id"),
        CONSTRAINT "CHK_reservation_settings_slot" CHECK ("slot_minutes" BETWEEN 5 AND 240),
        CONSTRAINT "CHK_reservation_settings_party" CHECK ("min_party" >= 1 AND "max_party" >= "min_party")
      )`)
    await q.query(`
      CREATE TABLE IF NOT EXISTS "reservation_area" (
        "id" character varying NOT NULL,
        "location_id" character varying NOT NULL,
        "name" character varying NOT NULL,
        "active" boolean NOT NULL DEFAULT true,
        "online" boolean NOT NULL DEFAULT true,
        "priority" integer NOT NULL DEFAULT 0,
        "position" integer NOT NULL DEFAULT 0,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_reservation_area" PRIMARY KEY ("id")
      )`)
    await q.query(`CREATE INDEX IF NOT EXISTS "IDX_reservation_area_location_id" ON "reservation_area" ("location_id")`)
    await q.query(`
      CREATE TABLE IF NOT EXISTS "reservation_table" (
        "id" character varying NOT NULL,
        "area_id" character varying NOT NULL,
        "location_id" character varying NOT NULL,
        "name" character varying NOT NULL,
        "min_seats" integer NOT NULL,
        "max_seats" integer NOT NULL,
        "shape" character varying NOT NULL DEFAULT 'rect',
        "x" integer NOT NULL DEFAULT 0,
        "y" integer NOT NULL DEFAULT 0,
        "width" integer NOT NULL DEFAULT 80,
        "height" integer NOT NULL DEFAULT 80,
        "rotation" integer NOT NULL DEFAULT 0,
        "active" boolean NOT NULL DEFAULT true,
        "online" boolean NOT NULL DEFAULT true,
        "priority" integer NOT NULL DEFAULT 0,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_reservation_table" PRIMARY KEY ("id"),
        CONSTRAINT "FK_reservation_table_area" FOREIGN KEY ("area_id") REFERENCES "reservation_area" ("id"),
        CONSTRAINT "CHK_reservation_table_seats" CHECK ("min_seats" >= 1 AND "max_seats" >= "min_seats"),
        CONSTRAINT "CHK_reservation_table_shape" CHECK ("shape" IN ('rect', 'square', 'round'))
      )`)
    await q.query(`CREATE INDEX IF NOT EXISTS "IDX_reservation_table_area_id" ON "reservation_table" ("area_id")`)
    await q.query(`CREATE INDEX IF NOT EXISTS "IDX_reservation_table_location_id" ON "reservation_table" ("location_id")`)
    await q.query(`
      CREATE TABLE IF NOT EXISTS "reservation_combination" (
        "id" character varying NOT NULL,
        "location_id" character varying NOT NULL,
        "table_ids" character varying[] NOT NULL,
        "min_seats" integer NOT NULL,
        "max_seats" integer NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_reservation_combination" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_reservation_combination_seats" CHECK ("min_seats" >= 1 AND "max_seats" >= "min_seats"),
        CONSTRAINT "CHK_reservation_combination_tables" CHECK (cardinality("table_ids") >= 2)
      )`)
    await q.query(`CREATE INDEX IF NOT EXISTS "IDX_reservation_combination_location_id" ON "reservation_combination" ("location_id")`)
    await q.query(`
      CREATE TABLE IF NOT EXISTS "reservation_rule" (
        "id" character varying NOT NULL,
        "location_id" character varying NOT NULL,
        "area_id" character varying,
        "table_id" character varying,
        "effect" character varying NOT NULL,
        "weekdays" integer[],
        "start_time" character varying(5),
        "end_time" character varying(5),
        "from_date" date,
        "to_date" date,
        "note" character varying,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_reservation_rule" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_reservation_rule_effect" CHECK ("effect" IN ('closed', 'online_closed', 'open_only'))
      )`)
    await q.query(`CREATE INDEX IF NOT EXISTS "IDX_reservation_rule_location_id" ON "reservation_rule" ("location_id")`)
    await q.query(`
      CREATE TABLE IF NOT EXISTS "reservation" (
        "id" character varying NOT NULL,
        "location_id" character varying NOT NULL,
        "status" character varying NOT NULL,
        "source" character varying NOT NULL,
        "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "blocked_until" TIMESTAMP WITH TIME ZONE NOT NULL,
        "business_date" date NOT NULL,
        "party_size" integer NOT NULL,
        "table_ids" character varying[] NOT NULL DEFAULT '{}',
        "name" character varying NOT NULL,
        "email" character varying,
        "email_norm" character varying,
        "phone" character varying,
        "phone_norm" character varying,
        "note" text,
        "locale" character varying(2) NOT NULL DEFAULT 'de',
        "pinned" boolean NOT NULL DEFAULT false,
        "guest_requested" boolean NOT NULL DEFAULT false,
        "newsletter" boolean NOT NULL DEFAULT false,
        "newsletter_consent_text" text,
        "newsletter_consent_at" TIMESTAMP WITH TIME ZONE,
        "warnings" jsonb NOT NULL DEFAULT '[]',
        "status_changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_reservation" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_reservation_status" CHECK ("status" IN ('confirmed', 'seated', 'finished', 'cancelled', 'no_show')),
        CONSTRAINT "CHK_reservation_source" CHECK ("source" IN ('online', 'phone', 'walk_in')),
        CONSTRAINT "CHK_reservation_range" CHECK ("ends_at" > "starts_at" AND "blocked_until" >= "ends_at"),
        CONSTRAINT "CHK_reservation_party" CHECK ("party_size" >= 1)
      )`)
    await q.query(`CREATE INDEX IF NOT EXISTS "IDX_reservation_location_date" ON "reservation" ("location_id", "business_date")`)
    await q.query(`CREATE INDEX IF NOT EXISTS "IDX_reservation_email_norm" ON "reservation" ("email_norm") WHERE "status" = 'no_show'`)
    await q.query(`CREATE INDEX IF NOT EXISTS "IDX_reservation_phone_norm" ON "reservation" ("phone_norm") WHERE "status" = 'no_show'`)
    await q.query(`
      CREATE TABLE IF NOT EXISTS "reservation_allocation" (
        "reservation_id" character varying NOT NULL,
        "table_id" character varying NOT NULL,
        "location_id" character varying NOT NULL,
        "during" tstzrange NOT NULL,
        CONSTRAINT "PK_reservation_allocation" PRIMARY KEY ("reservation_id", "table_id"),
        CONSTRAINT "FK_reservation_allocation_reservation" FOREIGN KEY ("reservation_id") REFERENCES "reservation" ("id") ON DELETE CASCADE,
        CONSTRAINT "FK_reservation_allocation_table" FOREIGN KEY ("table_id") REFERENCES "reservation_table" ("id"),
        CONSTRAINT "EXCL_reservation_allocation_no_overlap" EXCLUDE USING gist ("table_id" WITH =, "during" WITH &&)
      )`)
    await q.query(`CREATE INDEX IF NOT EXISTS "IDX_reservation_allocation_table_id" ON "reservation_allocation" ("table_id")`)
    await q.query(`CREATE INDEX IF NOT EXISTS "IDX_reservation_allocation_location_during" ON "reservation_allocation" USING gist ("location_id", "during")`)
    await q.query(`
      CREATE TABLE IF NOT EXISTS "reservation_guest_unblock" (
        "guest_key" character varying NOT NULL,
        "lifted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "lifted_by" character varying,
        CONSTRAINT "PK_reservation_guest_unblock" PRIMARY KEY ("guest_key")
      )`)
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const t of ["reservation_guest_unblock", "reservation_allocation", "reservation", "reservation_rule", "reservation_combination", "reservation_table", "reservation_area", "reservation_settings"]) {
      await q.query(`DROP TABLE IF EXISTS "${t}"`)
    }
  }
}
