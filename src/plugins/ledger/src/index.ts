export * from "./types"
export {
  CODE_ALPHABET,
  crockfordVariant,
  formatCode,
  generateCode,
  hasValidCheck,
  looksGenerated,
  MAX_CODE_LENGTH,
  normalizeCode,
  OWN_CODE_MAX_LENGTH,
  OWN_CODE_MIN_LENGTH,
  ownCodeProblem,
} from "./utils/codes"
export { MAX_PAGE } from "@customer-modules/core"
export type { Page } from "./utils/page"
export type { default as ValueAccountService, CreateAccountInput, CreditType, DebitType, Movement, MovementByCode, MovementOptions, AccountFilter } from "./services/value-account"
/** The ledger's row locks (primary-key order) and its conditional movement, for a caller's own transaction (decision 74). */
export { conditionalMove, lockAccounts, movedOf, movementCtes } from "./services/value-account"
export type { default as CardService, CardFilter, CreateCardInput, IdentifierInput } from "./services/card"
export { cardByCodeSql, valueCardView } from "./services/card"
export type { default as CodeRangeService, CreateCodeRangeInput } from "./services/code-range"
export { ListKindCards, ownCodeSchema } from "./validators"
export { CHECKOUT_PARTICIPANTS, registerCheckoutParticipant } from "./checkout"
export type { CheckoutParticipant, CompletionPlan } from "./checkout"
