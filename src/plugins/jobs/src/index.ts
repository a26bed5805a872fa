export type { default as MailService, MailFilter } from "./services/mail"
export type { default as DocumentService } from "./services/document"
export type { default as BrandingService } from "./services/branding"
export type { default as ScheduleService, ScheduleContext, ScheduleHandler, ScheduleRun } from "./services/schedule"
export type { default as JobQueueService } from "./services/job-queue"
export type {
  BookingConfirmationDocumentData,
  DocumentDataByKind,
  EnqueueDocumentInput,
  EnqueueMailInput,
  MailAttachment,
  MailDataByKind,
  UpdateBrandingInput,
} from "./schemas"
export { isValidIban, schemaParts } from "./schemas"
export { computeInvoiceTotals } from "./pdf/invoice-totals"
export type { InvoiceLineTotals, InvoiceTotals, TaxGroup } from "./pdf/invoice-totals"
export { renderMail } from "./mail/templates"
export { renderPage } from "./mail/page"
export { addressLines, formatNumber } from "./utils/format"
export type { PageContent } from "./mail/page"
export { DOCUMENT_KINDS, LOCALES, MAIL_KINDS } from "./types"
export type {
  BrandingDTO,
  DocumentDTO,
  DocumentKind,
  FailedJobDTO,
  JobsPluginOptions,
  Locale,
  MailContentDTO,
  MailDTO,
  MailKind,
  ScheduleDTO,
} from "./types"
export { defineDocumentKind, defineMailKind, listKinds, registerDocumentKind, registeredDocumentKind, registeredMailKind, registerMailKind } from "./registry"
export type { DocumentKindDefinition, DocumentRenderContext, KindListing, MailKindDefinition, MailTemplate, MailTemplateContext } from "./registry"
export { mailContext, mailText } from "./mail/templates"
export type { MailContent } from "./mail/layout"
export { AddressBlock, formatIban, Frame, FramePage, styles as documentStyles } from "./pdf/frame"
export { defineLabels } from "./pdf/labels"
// react-pdf's elements for document kinds, without loading react-pdf in the API's thread (decision 165).
export { Document, Image, Link, Page, StyleSheet, Text, View } from "./pdf/primitives"
export type { DocumentBranding } from "./pdf/frame"
export { formatDate, formatDateTime, formatMoney } from "./utils/format"
