import { Column, Entity, PrimaryColumn, getMetadataArgsStorage } from "typeorm"
import { describe, expect, it } from "vitest"

@Entity("probe")
class Probe {
  @PrimaryColumn()
  id!: string

  @Column({ type: "bigint" })
  amount_minor!: number

  @Column()
  label!: string
}

describe("TypeORM decorators under vitest", () => {
  it("registers the entity and its columns with design-type metadata", () => {
    const storage = getMetadataArgsStorage()
    expect(storage.tables.find((t) => t.target === Probe)).toMatchObject({ name: "probe" })
    const columns = storage.columns.filter((c) => c.target === Probe)
    expect(columns.map((c) => c.propertyName)).toEqual(["id", "amount_minor", "label"])
    // emitDecoratorMetadata: the type of `label` comes from its TypeScript type.
    expect(Reflect.getMetadata("design:type", Probe.prototype, "label")).toBe(String)
  })
})
