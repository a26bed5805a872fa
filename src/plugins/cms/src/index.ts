export type { CmsSettings, FaqDTO, Locale, NewsDTO } from "./types"
export type { default as CmsService } from "./services/cms"
export { markdownToHtml } from "./utils/markdown"
