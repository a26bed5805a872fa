/**
 * The feedback tablet: paired once with a terminal key, shows the questionnaire
 * the server assigns (following the same rules as the server, from the shared
 * evaluator), keeps every answer in an IndexedDB outbox until the server has
 * it, returns to the start after being idle, ignores presses that come too
 * fast, and lets staff sign a check with their card (a USB reader that types
 * the UID, or Web NFC where the browser has it).
 */
import * as outbox from "./outbox.js"
import { Answers, checkAnswers, Definition, Locale, LOCALES, nextQuestion, Question, questionOrder, scaleOf, seedOf, Text, textIn, visibleAnswers } from "../shared/rules.js"

type Tablet = {
  id: string
  version: number
  title: string
  questions: Question[]
  randomize: boolean
  thank_you: Text | null
  until: string | null
  settings: { idle_seconds: number; press_interval_ms: number; show_last_check: boolean }
}

type Checklist = {
  id: string
  name: string
  items: { id: string; label: Text }[]
  show_last: boolean
  overdue: boolean
  last_check: { staff: { name: string }; checked_at: string } | null
}

const KEY_STORAGE = "cm-feedback-key"
const LOCALE_STORAGE = "cm-feedback-locale"
const REFRESH_MS = 60_000
const FLUSH_MS = 5_000
const THANKS_MS = 4_000
const SMILEYS = ["😞", "🙁", "😐", "🙂", "😄"]

const T: Record<string, Record<Locale, string>> = {
  pair_title: { de: "Tablet koppeln", en: "Pair this tablet", pt: "Emparelhar este tablet" },
  pair_hint: {
    de: "Kopplungscode oder Terminal-Schlüssel aus dem Backoffice eingeben (oder den QR-Code scannen)",
    en: "Enter the pairing code or terminal key from the back office (or scan the QR code)",
    pt: "Introduza o código de emparelhamento ou a chave do terminal do back office (ou leia o código QR)",
  },
  pair: { de: "Koppeln", en: "Pair", pt: "Emparelhar" },
  pair_failed: { de: "Der Schlüssel wurde nicht angenommen", en: "The key was not accepted", pt: "A chave não foi aceite" },
  code_failed: {
    de: "Der Code ist ungültig, abgelaufen oder schon benutzt. Bitte im Backoffice einen neuen anzeigen.",
    en: "The code is not valid, has expired or was already used. Please show a new one in the back office.",
    pt: "O código não é válido, expirou ou já foi usado. Mostre um novo no back office.",
  },
  too_many: { de: "Zu viele Versuche – bitte kurz warten", en: "Too many tries – please wait a moment", pt: "Demasiadas tentativas – aguarde um momento" },
  offline: { de: "Keine Verbindung zum Server", en: "No connection to the server", pt: "Sem ligação ao servidor" },
  nothing: { de: "Zurzeit keine Umfrage", en: "No questionnaire right now", pt: "De momento sem questionário" },
  next: { de: "Weiter", en: "Next", pt: "Seguinte" },
  skip: { de: "Überspringen", en: "Skip", pt: "Saltar" },
  send: { de: "Absenden", en: "Send", pt: "Enviar" },
  thanks: { de: "Vielen Dank für Ihre Meinung!", en: "Thank you for your feedback!", pt: "Obrigado pela sua opinião!" },
  last_check: { de: "Letzte Kontrolle", en: "Last check", pt: "Último controlo" },
  by: { de: "von", en: "by", pt: "por" },
  overdue: { de: "fällig", en: "due", pt: "em atraso" },
  staff: { de: "Personal", en: "Staff", pt: "Pessoal" },
  staff_title: { de: "Kontrolle bestätigen", en: "Confirm a check", pt: "Confirmar um controlo" },
  staff_card: { de: "Mitarbeiterkarte an das Lesegerät halten", en: "Hold your staff card to the reader", pt: "Aproxime o cartão de funcionário do leitor" },
  confirm: { de: "Bestätigen", en: "Confirm", pt: "Confirmar" },
  cancel: { de: "Abbrechen", en: "Cancel", pt: "Cancelar" },
  checked: { de: "Kontrolle gespeichert", en: "Check saved", pt: "Controlo guardado" },
  unknown_card: { de: "Karte unbekannt", en: "Card unknown", pt: "Cartão desconhecido" },
  pending: { de: "warten auf Versand", en: "waiting to be sent", pt: "a aguardar envio" },
}

const root = document.getElementById("app") as HTMLElement
const base = location.origin
let key = localStorage.getItem(KEY_STORAGE)
/** The tablet's own language (its browser's, or one set in its storage); a guest's choice lasts for their response. */
const homeLocale: Locale = (localStorage.getItem(LOCALE_STORAGE) as Locale) ?? pickLocale()
let locale: Locale = homeLocale
let tablet: Tablet | null = null
let checklists: Checklist[] = []
let lastPress = 0
let idleTimer: number | undefined
let refreshTimer: number | undefined
/** The response in progress. */
let current: { client_id: string; order: string[]; answers: Answers; question: string | null; started: boolean } | null = null
/** Characters typed by a USB card reader (it ends with Enter). */
let cardBuffer = ""
let cardStaged: string | null = null

function pickLocale(): Locale {
  const lang = (navigator.language || "en").slice(0, 2) as Locale
  return LOCALES.includes(lang) ? lang : "en"
}

const t = (name: string): string => T[name][locale]

function h(tag: string, attrs: Record<string, string> = {}, ...children: (Node | string | null)[]): HTMLElement {
  const el = document.createElement(tag)
  for (const [k, v] of Object.entries(attrs)) {
    el.setAttribute(k, v)
  }
  for (const c of children) {
    if (c !== null) {
      el.append(c)
    }
  }
  return el
}

/** A button that ignores presses closer together than the tablet's minimum interval (button mashing). */
function button(label: string, onPress: () => void, attrs: Record<string, string> = {}): HTMLElement {
  const b = h("button", { type: "button", ...attrs }, label)
  b.addEventListener("click", () => {
    const now = Date.now()
    if (now - lastPress < (tablet?.settings.press_interval_ms ?? 0)) {
      return
    }
    lastPress = now
    touch()
    onPress()
  })
  return b
}

function render(...children: (Node | null)[]): void {
  root.replaceChildren(...children.filter((c): c is Node => c !== null))
}

function uuid(): string {
  return crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`
}

async function get<R>(path: string): Promise<{ status: number; body: R | null }> {
  const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${key}` } })
  return { status: res.status, body: res.ok ? ((await res.json()) as R) : null }
}

// ── Pairing ──────────────────────────────────────────────────────────────

function showPairing(message?: string): void {
  const input = h("input", { type: "password", id: "pair-key", autocomplete: "off", "aria-label": t("pair_hint") }) as HTMLInputElement
  render(
    brandBar(),
    h(
      "main",
      { class: "pair" },
      h("h1", {}, t("pair_title")),
      h("p", {}, t("pair_hint")),
      input,
      button(t("pair"), () => void pairWith(input.value.trim()), { id: "pair-button" }),
      message ? h("p", { class: "error", role: "alert" }, message) : null
    )
  )
}

/** A typed terminal key (`pos_…`) is tried as it is; anything else is a pairing code to exchange for the key. */
async function pairWith(typed: string): Promise<void> {
  if (!typed) return
  if (!typed.startsWith("pos_")) {
    await pairByCode(typed)
    return
  }
  key = typed
  if ((await load()) && key) {
    localStorage.setItem(KEY_STORAGE, key)
    start()
  } else {
    key = null
    showPairing(t("pair_failed"))
  }
}

/** Exchanges a pairing code (typed, or from the QR's link) for the terminal key, once. */
async function pairByCode(code: string): Promise<void> {
  let res: Response
  try {
    res = await fetch(`${base}/store/feedback/pair`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ code }) })
  } catch {
    showPairing(t("offline"))
    return
  }
  if (!res.ok) {
    showPairing(res.status === 429 ? t("too_many") : t("code_failed"))
    return
  }
  const body = (await res.json()) as { key: string }
  key = body.key
  localStorage.setItem(KEY_STORAGE, key)
  document.body.dataset.paired = "true"
  if (await load()) {
    start()
  } else {
    showPairing(t("pair_failed"))
  }
}

/** The merchant's logo (from the branding's `--logo`) beside the language buttons. */
function brandBar(...right: (Node | null)[]): HTMLElement {
  return h("header", { class: "brand-bar" }, h("div", { class: "brand-logo", role: "img", "aria-label": "logo" }), ...right.filter((n): n is Node => n !== null))
}

// ── Loading ──────────────────────────────────────────────────────────────

/** Fetches the questionnaire and checklists; false when the key is refused. Offline, keeps what it has. */
async function load(): Promise<boolean> {
  try {
    const q = await get<{ questionnaire: Tablet | null }>("/store/pos/feedback/questionnaire")
    if (q.status === 401 || q.status === 403) {
      return false
    }
    if (q.body) {
      tablet = q.body.questionnaire
      localStorage.setItem("cm-feedback-questionnaire", JSON.stringify(tablet))
    }
    const c = await get<{ checklists: Checklist[] }>("/store/pos/feedback/checklists")
    if (c.body) {
      checklists = c.body.checklists
    }
  } catch {
    // offline: keep the questionnaire we had
    const kept = localStorage.getItem("cm-feedback-questionnaire")
    if (kept && !tablet) {
      tablet = JSON.parse(kept) as Tablet
    }
  }
  return true
}

function scheduleRefresh(): void {
  window.clearTimeout(refreshTimer)
  const until = tablet?.until ? new Date(tablet.until).getTime() - Date.now() + 500 : REFRESH_MS
  refreshTimer = window.setTimeout(() => {
    void load().then(() => {
      if (!current?.started) {
        showStart()
      }
      scheduleRefresh()
    })
  }, Math.max(1000, Math.min(until, REFRESH_MS)))
}

// ── Questionnaire ────────────────────────────────────────────────────────

function definition(): Definition {
  return { questions: tablet?.questions ?? [], randomize: tablet?.randomize ?? false }
}

function newResponse(): void {
  const client_id = uuid()
  const def = definition()
  const order = questionOrder(def, seedOf(client_id))
  current = { client_id, order, answers: {}, question: nextQuestion(def, order, {}, null), started: false }
}

function touch(): void {
  window.clearTimeout(idleTimer)
  if (!current?.started) {
    return
  }
  idleTimer = window.setTimeout(() => {
    // Idle: keep what was answered if it makes a valid response, then start again.
    if (current && Object.keys(current.answers).length && checkAnswers(definition(), current.answers).length === 0) {
      void save()
    }
    showStart()
  }, (tablet?.settings.idle_seconds ?? 30) * 1000)
}

function languageBar(): HTMLElement {
  return brandBar(languageButtons())
}

function languageButtons(): HTMLElement {
  return h(
    "nav",
    { class: "languages" },
    ...LOCALES.map((l) =>
      button(l.toUpperCase(), () => {
        // The guest's language, for their response only (showStart returns to the tablet's).
        locale = l
        document.documentElement.lang = l
        renderQuestion()
      }, { class: l === locale ? "active" : "", "aria-pressed": String(l === locale), lang: l })
    )
  )
}

function lastChecks(): HTMLElement | null {
  if (!tablet?.settings.show_last_check && tablet) {
    return null
  }
  const shown = checklists.filter((c) => c.show_last)
  if (!shown.length) {
    return null
  }
  const time = (iso: string) => new Date(iso).toLocaleTimeString(locale, { hour: "2-digit", minute: "2-digit" })
  return h(
    "aside",
    { class: "last-checks", "aria-live": "polite" },
    ...shown.map((c) =>
      h(
        "p",
        { class: c.overdue ? "overdue" : "", "data-checklist": c.id },
        `${c.name} · ${t("last_check")}: `,
        c.last_check ? `${time(c.last_check.checked_at)} ${t("by")} ${c.last_check.staff.name}` : "–",
        c.overdue ? ` (${t("overdue")})` : ""
      )
    )
  )
}

function showStart(): void {
  window.clearTimeout(idleTimer)
  // The next guest starts in the tablet's language, not in the one the last guest chose.
  locale = homeLocale
  document.documentElement.lang = locale
  newResponse()
  renderQuestion()
}

function renderQuestion(): void {
  if (!tablet || !current) {
    render(languageBar(), h("main", { class: "idle" }, h("h1", {}, t("nothing"))), lastChecks(), staffButton())
    return
  }
  const def = definition()
  const q = def.questions.find((x) => x.id === current?.question)
  if (!q) {
    return
  }
  const answer = (value: Answers[string] | undefined) => {
    if (!current) return
    current.started = true
    if (value === undefined) {
      delete current.answers[q.id]
    } else {
      current.answers[q.id] = value
    }
    current.answers = visibleAnswers(def, current.answers)
    current.question = nextQuestion(def, current.order, current.answers, q.id)
    if (current.question === null) {
      void save().then(showThanks)
    } else {
      renderQuestion()
      touch()
    }
  }
  const scale = scaleOf(q.type)
  let input: HTMLElement
  if (scale) {
    const values = Array.from({ length: scale.max - scale.min + 1 }, (_, i) => scale.min + i)
    input = h(
      "div",
      { class: `scale scale-${q.type}`, role: "group" },
      ...values.map((v) =>
        button(q.type === "smiley" ? SMILEYS[v - 1] : q.type === "rating" ? "★".repeat(v) : String(v), () => answer(v), {
          "data-value": String(v),
          "aria-label": String(v),
        })
      )
    )
  } else if (q.type === "single_choice") {
    input = h("div", { class: "choices", role: "group" }, ...(q.choices ?? []).map((c) => button(textIn(c.label, locale), () => answer(c.id), { "data-value": c.id })))
  } else if (q.type === "multiple_choice") {
    const picked = new Set<string>()
    input = h(
      "div",
      { class: "choices multi", role: "group" },
      ...(q.choices ?? []).map((c) => {
        const b = button(textIn(c.label, locale), () => {
          if (picked.has(c.id)) picked.delete(c.id)
          else picked.add(c.id)
          b.setAttribute("aria-pressed", String(picked.has(c.id)))
        }, { "data-value": c.id, "aria-pressed": "false" })
        return b
      }),
      button(t("next"), () => (picked.size ? answer([...picked]) : q.required ? undefined : answer(undefined)), { class: "primary", "data-action": "next" })
    )
  } else {
    const area = h("textarea", { maxlength: "2000", rows: "4", "aria-label": textIn(q.title, locale) }) as HTMLTextAreaElement
    area.addEventListener("input", touch)
    input = h("div", { class: "text" }, area, button(t("send"), () => (area.value.trim() ? answer(area.value.trim()) : q.required ? undefined : answer(undefined)), { class: "primary", "data-action": "next" }))
  }
  render(
    languageBar(),
    h(
      "main",
      { class: "question", "data-question": q.id },
      h("h1", {}, textIn(q.title, locale)),
      input,
      !q.required && (scale || q.type === "single_choice") ? button(t("skip"), () => answer(undefined), { class: "skip", "data-action": "skip" }) : null
    ),
    current.started ? null : lastChecks(),
    current.started ? null : staffButton()
  )
}

async function save(): Promise<void> {
  if (!tablet || !current) return
  const answers = visibleAnswers(definition(), current.answers)
  const item: outbox.OutboxItem = {
    client_id: current.client_id,
    path: "/store/pos/feedback/responses",
    body: { questionnaire_id: tablet.id, version: tablet.version, client_id: current.client_id, answered_at: new Date().toISOString(), locale, answers },
    headers: {},
    created_at: Date.now(),
    attempts: 0,
  }
  current = null
  await outbox.put(item)
  void send()
}

function showThanks(): void {
  window.clearTimeout(idleTimer)
  render(h("main", { class: "thanks", role: "status" }, h("h1", {}, tablet?.thank_you ? textIn(tablet.thank_you, locale) : t("thanks"))))
  window.setTimeout(showStart, THANKS_MS)
}

// ── Sending ──────────────────────────────────────────────────────────────

let sending = false
async function send(): Promise<void> {
  if (sending || !key) return
  sending = true
  try {
    const left = await outbox.flush(base, key)
    document.body.dataset.pending = String(left)
  } finally {
    sending = false
  }
}

// ── Staff checks ─────────────────────────────────────────────────────────

function staffButton(): HTMLElement | null {
  if (!checklists.length) return null
  return button(t("staff"), () => showStaff(null), { class: "staff-button", "data-action": "staff" })
}

function showStaff(card: string | null, message?: string): void {
  cardStaged = card
  window.clearTimeout(idleTimer)
  const cardInput = h("input", { type: "password", id: "staff-card", autocomplete: "off", "aria-label": t("staff_card") }) as HTMLInputElement
  if (card) cardInput.value = card
  render(
    h(
      "main",
      { class: "staff" },
      h("h1", {}, t("staff_title")),
      h("p", {}, t("staff_card")),
      cardInput,
      ...checklists.map((c) =>
        button(c.name, () => {
          const uid = (cardInput.value || cardStaged || "").trim()
          if (!uid) {
            showStaff(null, t("staff_card"))
            return
          }
          void check(c, uid)
        }, { "data-checklist": c.id, class: "checklist" })
      ),
      button(t("cancel"), showStart, { class: "skip" }),
      message ? h("p", { class: "error", role: "alert" }, message) : null
    )
  )
  cardInput.focus()
  idleTimer = window.setTimeout(showStart, (tablet?.settings.idle_seconds ?? 30) * 1000)
}

async function check(c: Checklist, uid: string): Promise<void> {
  const client_id = uuid()
  const body = { checklist_id: c.id, client_id, checked_at: new Date().toISOString() }
  try {
    const res = await fetch(`${base}/store/pos/checks`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${key}`, "idempotency-key": client_id, "x-staff-card": uid },
      body: JSON.stringify(body),
    })
    if (res.status === 401) {
      showStaff(null, t("unknown_card"))
      return
    }
    if (res.ok) {
      const { check: made } = (await res.json()) as { check: { staff: { name: string }; checked_at: string } }
      c.last_check = { staff: { name: made.staff.name }, checked_at: made.checked_at }
      c.overdue = false
    }
  } catch {
    // Offline: the check waits in the outbox, signed with the card it was given.
    await outbox.put({ client_id, path: "/store/pos/checks", body, headers: { "x-staff-card": uid }, created_at: Date.now(), attempts: 0 })
  }
  cardStaged = null
  render(h("main", { class: "thanks", role: "status" }, h("h1", {}, t("checked"))))
  window.setTimeout(showStart, THANKS_MS / 2)
}

/** A USB card reader types the UID and Enter: on the start screen, that opens the staff screen with the card. */
document.addEventListener("keydown", (e) => {
  const target = e.target as HTMLElement
  if (target.tagName === "INPUT" || target.tagName === "TEXTAREA") return
  if (e.key === "Enter") {
    if (cardBuffer.length >= 4) showStaff(cardBuffer)
    cardBuffer = ""
  } else if (e.key.length === 1) {
    cardBuffer = (cardBuffer + e.key).slice(-128)
  }
})

/** Web NFC (Chrome on Android): a tapped card's serial number is its UID. */
function listenNfc(): void {
  const NDEFReader = (window as unknown as { NDEFReader?: new () => { scan(): Promise<void>; onreading: ((e: { serialNumber: string }) => void) | null } }).NDEFReader
  if (!NDEFReader) return
  const reader = new NDEFReader()
  reader
    .scan()
    .then(() => {
      reader.onreading = (e) => showStaff(e.serialNumber)
    })
    .catch(() => undefined)
}

// ── Start ────────────────────────────────────────────────────────────────

// Paired by a link from the admin (/feedback/app#key=…) or by its QR code (/feedback/app#pair=CODE);
// the fragment never reaches a server log, and is removed from the address at once.
const fragment = new URLSearchParams(location.hash.slice(1))
const fromLink = fragment.get("key")
const codeFromLink = fragment.get("pair")
if (fromLink || codeFromLink) {
  history.replaceState(null, "", location.pathname)
}
if (fromLink) {
  key = fromLink
  localStorage.setItem(KEY_STORAGE, fromLink)
}

window.addEventListener("online", () => void send())
window.setInterval(() => void send(), FLUSH_MS)
document.documentElement.lang = locale

/** Paired: the questionnaire, its refresh, the card reader and the outbox. */
function start(): void {
  document.body.dataset.paired = "true"
  showStart()
  scheduleRefresh()
  listenNfc()
  void send()
}

if (codeFromLink) {
  void pairByCode(codeFromLink)
} else if (!key) {
  showPairing()
} else {
  void load().then((ok) => {
    if (!ok) {
      localStorage.removeItem(KEY_STORAGE)
      key = null
      showPairing(t("pair_failed"))
      return
    }
    start()
  })
}
