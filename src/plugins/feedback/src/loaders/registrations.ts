import { registerMailKind } from "@customer-modules/jobs"

/** Registers what the feedback plugin brings: its mail kinds (the POS scope `feedback` is built in). */
export default function registerFeedback(): void {
  // By require, as the platform's registry expects: a typed kind is not assignable to the registry's untyped one.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  registerMailKind(require("../mail/feedback-alert").default)
}
