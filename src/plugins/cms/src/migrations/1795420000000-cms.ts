import { MigrationInterface, QueryRunner } from "typeorm"

/**
 * News (with a validity period, optional locations, pinned) and FAQ entries
 * (ordered by `position` within the whole list) for the merchant's website, and
 * one settings row: the origins allowed to embed (CORS and frame-ancestors).
 * `locale` NULL means "every language".
 */
export class Cms1795420000000 implements MigrationInterface {
  name = "Cms1795420000000"

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE IF NOT EXISTS "cms_news" (
        "id" character varying NOT NULL,
        "title" character varying NOT NULL,
        "body" text NOT NULL DEFAULT '',
        "image_url" character varying,
        "valid_from" TIMESTAMP WITH TIME ZONE,
        "valid_until" TIMESTAMP WITH TIME ZONE,
        "locale" character varying(5),
        "location_ids" text[] NOT NULL DEFAULT '{}',
        "pinned" boolean NOT NULL DEFAULT false,
        "status" character varying NOT NULL DEFAULT 'published',
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_cms_news" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_cms_news_status" CHECK ("status" IN ('draft', 'published')),
        CONSTRAINT "CHK_cms_news_validity" CHECK ("valid_from" IS NULL OR "valid_until" IS NULL OR "valid_from" < "valid_until")
      )`)
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS "IDX_cms_news_public" ON "cms_news" ("status", "valid_until")`)
    await queryRunner.query(`
      CREATE TABLE IF NOT EXISTS "cms_faq" (
        "id" character varying NOT NULL,
        "question" character varying NOT NULL,
        "answer" text NOT NULL DEFAULT '',
        "category" character varying,
        "position" integer NOT NULL DEFAULT 0,
        "locale" character varying(5),
        "status" character varying NOT NULL DEFAULT 'published',
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_cms_faq" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_cms_faq_status" CHECK ("status" IN ('draft', 'published'))
      )`)
    await queryRunner.query(`
      CREATE TABLE IF NOT EXISTS "cms_setting" (
        "id" character varying NOT NULL,
        "allowed_origins" text[] NOT NULL DEFAULT '{}',
        "time_zone" character varying NOT NULL DEFAULT 'Europe/Berlin',
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_cms_setting" PRIMARY KEY ("id")
      )`)
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE IF EXISTS "cms_setting"`)
    await queryRunner.query(`DROP TABLE IF EXISTS "cms_faq"`)
    await queryRunner.query(`DROP TABLE IF EXISTS "cms_news"`)
  }
}
