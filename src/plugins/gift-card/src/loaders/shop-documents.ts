import { registerDocumentKind } from "@customer-modules/jobs"

/** The voucher shop's documents, registered from this plugin: the blank-voucher print sheet and the postal address labels. */
export default async function shopDocuments(): Promise<void> {
  registerDocumentKind(require.resolve("../documents/blank-voucher-sheet"))
  registerDocumentKind(require.resolve("../documents/postal-labels"))
}
