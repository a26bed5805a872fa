import { MigrationInterface, QueryRunner } from "typeorm"

/**
 * Venues, templates, events (each date its own row) and registrations.
 *
 * Places: `confirmed + held + offered ≤ capacity` per event, enforced by the
 * registration service under a row lock on the event (`SELECT … FOR UPDATE`),
 * so every change of an event's places is serialised.
 *
 * Dates are stored twice: as instants (`starts_at`, `ends_at`, timestamptz) and
 * as the local wall time in the venue's zone (`local_start`, `local_end`,
 * `YYYY-MM-DDTHH:MM`, with `time_zone`), so that neither is ever derived again
 * from the other on a save (the "shifted by the UTC offset" bug).
 */
export class Event1795500000000 implements MigrationInterface {
  name = "Event1795500000000"

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE IF NOT EXISTS "event_venue" (
        "id" character varying NOT NULL,
        "name" character varying(200) NOT NULL,
        "address" character varying(500),
        "time_zone" character varying(64) NOT NULL,
        "capacity_hint" integer,
        "location_id" character varying,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_event_venue" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_event_venue_capacity_hint" CHECK ("capacity_hint" IS NULL OR "capacity_hint" > 0)
      )`)
    await q.query(`CREATE INDEX IF NOT EXISTS "IDX_event_venue_location_id" ON "event_venue" ("location_id")`)

    await q.query(`
      CREATE TABLE IF NOT EXISTS "event_template" (
        "id" character varying NOT NULL,
        "title" character varying(200) NOT NULL,
        "description" text,
        "image_url" character varying(1000),
        "venue_id" character varying,
        "duration_minutes" integer NOT NULL,
        "capacity" integer NOT NULL,
        "price" bigint NOT NULL DEFAULT 0,
        "currency_code" character varying(3) NOT NULL,
        "price_categories" jsonb NOT NULL DEFAULT '[]',
        "questions" jsonb NOT NULL DEFAULT '[]',
        "waitlist" boolean NOT NULL DEFAULT false,
        "min_participants" integer,
        "mail_texts" jsonb NOT NULL DEFAULT '{}',
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_event_template" PRIMARY KEY ("id"),
        CONSTRAINT "FK_event_template_venue_id" FOREIGN KEY ("venue_id") REFERENCES "event_venue"("id"),
        CONSTRAINT "CHK_event_template_duration" CHECK ("duration_minutes" > 0),
        CONSTRAINT "CHK_event_template_capacity" CHECK ("capacity" > 0),
        CONSTRAINT "CHK_event_template_price" CHECK ("price" >= 0)
      )`)
    await q.query(`CREATE INDEX IF NOT EXISTS "IDX_event_template_venue_id" ON "event_template" ("venue_id")`)

    await q.query(`
      CREATE TABLE IF NOT EXISTS "event" (
        "id" character varying NOT NULL,
        "template_id" character varying,
        "series_id" character varying,
        "venue_id" character varying NOT NULL,
        "title" character varying(200) NOT NULL,
        "description" text,
        "image_url" character varying(1000),
        "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "local_start" character varying(16) NOT NULL,
        "local_end" character varying(16) NOT NULL,
        "time_zone" character varying(64) NOT NULL,
        "capacity" integer NOT NULL,
        "price" bigint NOT NULL DEFAULT 0,
        "currency_code" character varying(3) NOT NULL,
        "price_categories" jsonb NOT NULL DEFAULT '[]',
        "questions" jsonb NOT NULL DEFAULT '[]',
        "published" boolean NOT NULL DEFAULT false,
        "status" character varying(16) NOT NULL DEFAULT 'scheduled',
        "waitlist" boolean NOT NULL DEFAULT false,
        "registration_opens_at" TIMESTAMP WITH TIME ZONE,
        "registration_closes_at" TIMESTAMP WITH TIME ZONE,
        "min_participants" integer,
        "cancel_by" TIMESTAMP WITH TIME ZONE,
        "hold_minutes" integer NOT NULL DEFAULT 15,
        "payment_days" integer,
        "offer_hours" integer NOT NULL DEFAULT 24,
        "cancel_cutoff_hours" integer NOT NULL DEFAULT 0,
        "mail_texts" jsonb NOT NULL DEFAULT '{}',
        "sequence" integer NOT NULL DEFAULT 0,
        "cancelled_at" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_event" PRIMARY KEY ("id"),
        CONSTRAINT "FK_event_venue_id" FOREIGN KEY ("venue_id") REFERENCES "event_venue"("id"),
        CONSTRAINT "FK_event_template_id" FOREIGN KEY ("template_id") REFERENCES "event_template"("id"),
        CONSTRAINT "CHK_event_times" CHECK ("ends_at" > "starts_at"),
        CONSTRAINT "CHK_event_capacity" CHECK ("capacity" > 0),
        CONSTRAINT "CHK_event_price" CHECK ("price" >= 0),
        CONSTRAINT "CHK_event_status" CHECK ("status" IN ('scheduled', 'cancelled')),
        CONSTRAINT "CHK_event_hold_minutes" CHECK ("hold_minutes" > 0),
        CONSTRAINT "CHK_event_min_participants" CHECK ("min_participants" IS NULL OR "min_participants" > 0)
      )`)
    await q.query(`CREATE INDEX IF NOT EXISTS "IDX_event_venue_id" ON "event" ("venue_id")`)
    await q.query(`CREATE INDEX IF NOT EXISTS "IDX_event_template_id" ON "event" ("template_id")`)
    await q.query(`CREATE INDEX IF NOT EXISTS "IDX_event_series_id" ON "event" ("series_id")`)
    await q.query(`CREATE INDEX IF NOT EXISTS "IDX_event_published_starts" ON "event" ("starts_at") WHERE "published" AND "status" = 'scheduled'`)

    await q.query(`
      CREATE TABLE IF NOT EXISTS "event_registration" (
        "id" character varying NOT NULL,
        "seq" bigserial NOT NULL,
        "event_id" character varying NOT NULL,
        "name" character varying(200) NOT NULL,
        "email" character varying(320),
        "phone" character varying(40),
        "locale" character varying(2) NOT NULL DEFAULT 'de',
        "quantity" integer NOT NULL,
        "lines" jsonb NOT NULL DEFAULT '[]',
        "amount" bigint NOT NULL DEFAULT 0,
        "currency_code" character varying(3) NOT NULL,
        "status" character varying(16) NOT NULL,
        "payment_status" character varying(16) NOT NULL,
        "payment_method" character varying(40),
        "paid_at" TIMESTAMP WITH TIME ZONE,
        "hold_expires_at" TIMESTAMP WITH TIME ZONE,
        "offer_expires_at" TIMESTAMP WITH TIME ZONE,
        "payment_due_at" TIMESTAMP WITH TIME ZONE,
        "answers" jsonb NOT NULL DEFAULT '{}',
        "participants" jsonb NOT NULL DEFAULT '[]',
        "note" character varying(2000),
        "source" character varying(8) NOT NULL,
        "cart_id" character varying,
        "order_id" character varying,
        "checked_in_at" TIMESTAMP WITH TIME ZONE,
        "cancelled_at" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_event_registration" PRIMARY KEY ("id"),
        CONSTRAINT "FK_event_registration_event_id" FOREIGN KEY ("event_id") REFERENCES "event"("id"),
        CONSTRAINT "CHK_event_registration_quantity" CHECK ("quantity" > 0),
        CONSTRAINT "CHK_event_registration_amount" CHECK ("amount" >= 0),
        CONSTRAINT "CHK_event_registration_status" CHECK ("status" IN ('held', 'confirmed', 'waitlisted', 'offered', 'cancelled', 'expired')),
        CONSTRAINT "CHK_event_registration_payment_status" CHECK ("payment_status" IN ('not_required', 'unpaid', 'paid', 'refunded')),
        CONSTRAINT "CHK_event_registration_source" CHECK ("source" IN ('web', 'admin', 'pos'))
      )`)
    await q.query(`CREATE INDEX IF NOT EXISTS "IDX_event_registration_event_id" ON "event_registration" ("event_id", "status", "seq")`)
    await q.query(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_event_registration_cart_id" ON "event_registration" ("cart_id") WHERE "cart_id" IS NOT NULL`)
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS "event_registration"`)
    await q.query(`DROP TABLE IF EXISTS "event"`)
    await q.query(`DROP TABLE IF EXISTS "event_template"`)
    await q.query(`DROP TABLE IF EXISTS "event_venue"`)
  }
}
