import type { CustomerDataDefinition } from "@customer-modules/core"

/**
 * The feedback plugin's part of a customer's data rights: none is tied to a
 * customer. Tablet responses are anonymous by design (a terminal, a client id
 * the tablet made up, the answers), and checks are signed by staff, not by
 * customers. The section says so in the export, and erasure has nothing to do.
 */
export const feedbackCustomerData: CustomerDataDefinition = {
  plugin: "feedback",
  label: { de: "Feedback", en: "Feedback", pt: "Feedback" },

  async export() {
    return {
      responses: [],
      note: {
        de: "Feedback-Antworten werden anonym erfasst und keinem Kunden zugeordnet",
        en: "Feedback responses are recorded anonymously and tied to no customer",
        pt: "As respostas de feedback são anónimas e não estão ligadas a nenhum cliente",
      },
    }
  },

  async erase() {
    return { retained: [] }
  },
}
