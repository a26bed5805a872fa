import { MigrationInterface, QueryRunner } from "typeorm"

/**
 * Rewards a signed-in customer applied to a web cart (decision 0036): the
 * points are taken when the order is placed (`redeemed`, with the ledger
 * transaction), never while the cart is open (`applied`); `removed` when the
 * customer or a changed cart took the reward off, `returned` when the order
 * was cancelled or refunded in full. At most one application of a reward per
 * open cart. `amount` is what the reward takes off the customer's total as
 * offered; `adjusted` the sum of its line-item adjustments, in the lines'
 * price basis (net where prices exclude tax).
 */
export class LoyaltyCartReward1795393200000 implements MigrationInterface {
  name = "LoyaltyCartReward1795393200000"

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE IF NOT EXISTS "loyalty_cart_reward" (
        "id" character varying NOT NULL,
        "cart_id" character varying NOT NULL,
        "customer_id" character varying NOT NULL,
        "account_id" character varying NOT NULL,
        "reward_id" character varying NOT NULL,
        "title" character varying NOT NULL,
        "kind" character varying NOT NULL,
        "points" integer NOT NULL CHECK ("points" > 0),
        "amount" bigint NOT NULL CHECK ("amount" > 0),
        "adjusted" bigint NOT NULL CHECK ("adjusted" > 0),
        "currency_code" character varying NOT NULL,
        "variant_id" character varying,
        "status" character varying NOT NULL DEFAULT 'applied'
          CHECK ("status" IN ('applied', 'removed', 'redeemed', 'returned')),
        "order_id" character varying,
        "transaction_id" character varying,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_loyalty_cart_reward" PRIMARY KEY ("id")
      )`)
    await queryRunner.query(
      `CREATE UNIQUE INDEX IF NOT EXISTS "UQ_loyalty_cart_reward_applied" ON "loyalty_cart_reward" ("cart_id", "reward_id") WHERE "status" = 'applied'`
    )
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_cart_reward_cart" ON "loyalty_cart_reward" ("cart_id")`)
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_cart_reward_order" ON "loyalty_cart_reward" ("order_id") WHERE "order_id" IS NOT NULL`)
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE IF EXISTS "loyalty_cart_reward"`)
  }
}
