/**
 * The storefront plugin: what a merchant's website embeds. Widgets and the
 * voucher shop arrive with their modules; for now it exposes its version so a
 * page can check which bundle it loaded.
 */
export const VERSION = "0.1.0"
