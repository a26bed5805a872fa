/** The gift-card plugin's public API: its services (resolved from Medusa's container) and their types. */
export type { default as VoucherService, GiftCardMovement, GiftCardSettings, GiftCardView, SellInput, Validity } from "./services/voucher"
export type { default as VoucherCheckoutService } from "./services/voucher-checkout"
export type {
  default as VoucherShopService,
  Locale as ShopLocale,
  ShippingAddress,
  ShopCartInput,
  ShopDesign,
  ShopItem,
  ShopItemInput,
  ShopProduct,
  ShopSettings,
  ShopTexts,
} from "./services/voucher-shop"
export { LOCALES as SHOP_LOCALES, SHOP_CART_KEY } from "./services/voucher-shop"
