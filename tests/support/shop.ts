import { api } from "./api"

/** The demo shop the seed makes: its euro region and the variant of the "Tagesmenü" product. */
export async function demoShop(): Promise<{ regionId: string; variantId: string; productId: string }> {
  const regions = await api<{ regions: { id: string; currency_code: string }[] }>("/store/regions")
  const region = regions.body.regions.find((r) => r.currency_code === "eur")
  const products = await api<{ products: { id: string; variants: { id: string }[] }[] }>("/store/products?handle=tagesmenue")
  const product = products.body.products[0]
  if (!region || !product) {
    throw new Error("the demo shop (euro region, product tagesmenue) is missing from the seed")
  }
  return { regionId: region.id, variantId: product.variants[0].id, productId: product.id }
}
