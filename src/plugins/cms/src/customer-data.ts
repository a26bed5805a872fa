import type { CustomerDataDefinition } from "@customer-modules/core"

/**
 * The CMS plugin's part of a customer's data rights: none. News and FAQ are
 * the merchant's own texts; the plugin stores nothing about customers.
 */
export const cmsCustomerData: CustomerDataDefinition = {
  plugin: "cms",
  label: { de: "Website (News und FAQ)", en: "Website (news and FAQ)", pt: "Website (notícias e FAQ)" },

  async export() {
    return {
      note: {
        de: "Das Website-Modul speichert keine Kundendaten",
        en: "The website module stores no customer data",
        pt: "O módulo do website não guarda dados de clientes",
      },
    }
  },

  async erase() {
    return { retained: [] }
  },
}
