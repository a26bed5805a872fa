import { askPage } from "#utils/ask-page"
import { acceptTokens } from "#utils/links"

/** GET /embed/events/registrations/:id/accept?token= asks; POST (form: token) takes the offered place. */
export const { GET, POST } = askPage("accept", acceptTokens)
