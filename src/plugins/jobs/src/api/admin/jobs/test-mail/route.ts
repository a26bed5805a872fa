import { randomUUID } from "crypto"

import { adminMutation } from "@customer-modules/core"

import type BrandingService from "#services/branding"
import type MailService from "#services/mail"
import { registeredDocumentKind } from "#src/registry"
import { TestMail } from "#validators"

const TEXT = {
  de: { subject: "Testnachricht", body: "Diese Nachricht bestätigt, dass der Versand von E-Mails funktioniert. Im Anhang: eine Beispielrechnung in Ihrem Design." },
  en: { subject: "Test message", body: "This message confirms that sending e-mail works. Attached: a sample invoice in your design." },
  pt: { subject: "Mensagem de teste", body: "Esta mensagem confirma que o envio de e-mails funciona. Em anexo: uma fatura de exemplo com o seu design." },
}

/**
 * POST /admin/jobs/test-mail `{ to, locale? }` → 202 `{ mail }`: a test mail with a sample invoice, to check the SMTP settings.
 * The mail is written in the jobs plugin's own transaction, not the wrapper's, so that its worker finds the committed row (decision 134).
 */
export const POST = adminMutation({
  ownTransactions: true,
  body: TestMail,
  handler: async (req, _manager, body) => {
    const locale = body.locale ?? (await req.scope.resolve<BrandingService>("brandingService").retrieve()).default_locale
    const id = randomUUID()
    // The sample invoice of the debtor's document kind, when the debtor plugin is installed.
    const invoice = registeredDocumentKind("invoice")?.def.sample as Record<string, unknown> | undefined
    const mail = await req.scope.resolve<MailService>("mailService").enqueue({
      key: `test-mail:${id}`,
      kind: "generic",
      to: body.to,
      locale,
      data: TEXT[locale],
      attachments: invoice ? [{ document: { kind: "invoice", key: `test-mail:${id}:invoice`, data: { ...invoice, locale } } }] : [],
    })
    return { status: 202, body: { mail } }
  },
})
