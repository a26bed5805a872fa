import { askPage } from "#utils/ask-page"
import { cancelTokens } from "#utils/links"

/** GET /embed/events/registrations/:id/cancel?token= asks; POST (form: token) cancels. */
export const { GET, POST } = askPage("cancel", cancelTokens)
