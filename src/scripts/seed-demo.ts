/**
 * Seeds the demo data once: a EUR region, two locations in Europe/Berlin (when
 * the POS plugin is installed), a handful of customers and products. The admin
 * user comes from the core plugin's start-up loader (ADMIN_EMAIL / ADMIN_PASSWORD).
 * Safe to run again: a store that already has the demo region is left as it is.
 */
import path from "path"

import type {
  CustomerService,
  ProductService,
  ProductVariantService,
  RegionService,
  SalesChannelService,
  ShippingOptionService,
  ShippingProfileService,
  StoreService,
} from "@medusajs/medusa"
import loaders from "@medusajs/medusa/dist/loaders"
import { ProductStatus, ShippingOptionPriceType } from "@medusajs/medusa/dist/models"
import type { AwilixContainer } from "awilix"
import express from "express"
import type { EntityManager } from "typeorm"

import { seedModuleDemo } from "./lib/demo"

const ROOT = path.resolve(__dirname, "..", "..")
const REGION_NAME = "Deutschland"

const CUSTOMERS = [
  { first_name: "Anna", last_name: "Schmidt", email: "anna.schmidt@example.com", phone: "+49 30 1234561" },
  { first_name: "Lukas", last_name: "Müller", email: "lukas.mueller@example.com", phone: "+49 30 1234562" },
  { first_name: "Sophie", last_name: "Weber", email: "sophie.weber@example.com", phone: "+49 30 1234563" },
  { first_name: "Jonas", last_name: "Fischer", email: "jonas.fischer@example.com", phone: "+49 30 1234564" },
  { first_name: "Marta", last_name: "Silva", email: "marta.silva@example.com", phone: "+351 21 1234565" },
]

const PRODUCTS = [
  { title: "Cappuccino", handle: "cappuccino", price_minor: 350 },
  { title: "Croissant", handle: "croissant", price_minor: 280 },
  { title: "Tagesmenü", handle: "tagesmenue", price_minor: 1290 },
  { title: "Apfelschorle 0,4 l", handle: "apfelschorle", price_minor: 390 },
  { title: "Käsekuchen", handle: "kaesekuchen", price_minor: 420 },
]

export const DEMO_LOCATIONS = [
  { name: "Café Mitte", time_zone: "Europe/Berlin", address: "Torstraße 1, 10119 Berlin" },
  { name: "Café Kreuzberg", time_zone: "Europe/Berlin", address: "Oranienstraße 2, 10997 Berlin" },
]

type LocationCreator = { create(data: (typeof DEMO_LOCATIONS)[number]): Promise<unknown> }

async function seed(container: AwilixContainer): Promise<string> {
  const manager = container.resolve<EntityManager>("manager")
  const regionService = container.resolve<RegionService>("regionService")
  if ((await regionService.list({ name: REGION_NAME })).length > 0) {
    return "demo data already present, nothing seeded"
  }

  let locations = 0
  await manager.transaction(async (tx) => {
    const storeService = container.resolve<StoreService>("storeService").withTransaction(tx)
    await storeService.update({ name: "Demo Café", currencies: ["eur"], default_currency_code: "eur" })

    const region = await regionService.withTransaction(tx).create({
      name: REGION_NAME,
      currency_code: "eur",
      tax_rate: 19,
      countries: ["de"],
      payment_providers: ["manual"],
      fulfillment_providers: ["manual"],
    })
    // Vouchers are a means of payment (multi-purpose vouchers): paying with one does not reduce the tax.
    await regionService.withTransaction(tx).update(region.id, { gift_cards_taxable: false })

    const profile = await container.resolve<ShippingProfileService>("shippingProfileService").withTransaction(tx).retrieveDefault()
    await container.resolve<ShippingOptionService>("shippingOptionService").withTransaction(tx).create({
      name: "Abholung im Café",
      region_id: region.id,
      profile_id: profile!.id,
      provider_id: "manual",
      price_type: ShippingOptionPriceType.FLAT_RATE,
      amount: 0,
      data: {},
    })

    const customerService = container.resolve<CustomerService>("customerService").withTransaction(tx)
    for (const customer of CUSTOMERS) {
      await customerService.create(customer)
    }

    const channel = await container.resolve<SalesChannelService>("salesChannelService").withTransaction(tx).retrieveDefault()
    const productService = container.resolve<ProductService>("productService").withTransaction(tx)
    const variantService = container.resolve<ProductVariantService>("productVariantService").withTransaction(tx)
    for (const p of PRODUCTS) {
      const product = await productService.create({
        title: p.title,
        handle: p.handle,
        status: ProductStatus.PUBLISHED,
        options: [{ title: "Portion" }],
        sales_channels: [{ id: channel.id }],
        // As the admin does: without a shipping profile no shipping option fits the product in a cart.
        profile_id: profile!.id,
      })
      await variantService.create(product.id, {
        title: "Standard",
        inventory_quantity: 0,
        manage_inventory: false,
        prices: [{ currency_code: "eur", amount: p.price_minor }],
        options: [{ option_id: product.options[0].id, value: "Standard" }],
      })
    }

    if (container.hasRegistration("posLocationService")) {
      const locationService = container.resolve<{ withTransaction(tx: EntityManager): LocationCreator }>("posLocationService")
      for (const location of DEMO_LOCATIONS) {
        await locationService.withTransaction(tx).create(location)
        locations++
      }
    }
  })
  return `seeded: region ${REGION_NAME} (EUR), ${CUSTOMERS.length} customers, ${PRODUCTS.length} products, ${locations} locations`
}

async function main(): Promise<void> {
  const { container } = await loaders({ directory: ROOT, expressApp: express(), isTest: false })
  const result = await seed(container as unknown as AwilixContainer)
  console.log(`[customer-modules] ${result}`)
  // The module demo (terminals, staff, every module's data) on top of the base seed; the test template turns it off (CM_DEMO_MODULES=0).
  if (result.startsWith("seeded") && process.env.CM_DEMO_MODULES !== "0") {
    for (const line of await seedModuleDemo(container as unknown as AwilixContainer, {
      customerEmails: CUSTOMERS.map((c) => c.email),
      locationNames: DEMO_LOCATIONS.map((l) => l.name),
    })) {
      console.log(`[customer-modules] ${line}`)
    }
  }
}

main().then(
  () => process.exit(0),
  (e: Error) => {
    console.error(`[customer-modules] seeding failed: ${e.stack ?? e.message}`)
    process.exit(1)
  }
)
