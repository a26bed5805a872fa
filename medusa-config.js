/**
 * Medusa configuration: every setting comes from the environment (see README,
 * "Configuration"), every plugin under src/plugins is loaded.
 */
const fs = require("fs")
const path = require("path")

/** Shortest JWT_SECRET / COOKIE_SECRET accepted: 32 characters, whatever NODE_ENV says. */
const MIN_SECRET_LENGTH = 32
const PLUGINS_DIR = path.join(__dirname, "src", "plugins")

const env = process.env
const embedded = env.CM_EMBEDDED === "1"

/**
 * Fail closed: no server, migration or seed runs without real secrets. The embedded demo
 * gets random ones from the entry point (kept in DATA_DIR/secrets.json); everything else
 * must set them, whatever NODE_ENV says.
 */
function secret(name) {
  const value = env[name]
  // The admin build reads this file too; it signs nothing.
  if (env.CM_BUILD === "1") {
    return value || "the-admin-build-signs-nothing"
  }
  if (!value) {
    throw new Error(
      `${name} is unset or left at its default; refusing to start. Set ${name} to a random string of at least ${MIN_SECRET_LENGTH} characters (only the embedded demo makes its own).`
    )
  }
  if (value.length < MIN_SECRET_LENGTH) {
    throw new Error(`${name} is shorter than ${MIN_SECRET_LENGTH} characters; refusing to start. Set it to a long random string.`)
  }
  return value
}

/**
 * LOG_LEVEL (winston's npm levels): Medusa's logger logs at it; the access log
 * (one line per request) is written at "http" and more verbose. It defaults to
 * "warn": no line per request or per event unless asked for, also for `npm start`
 * of the demo (the entry point prints its own start lines). Only NODE_ENV=development
 * or test (the test servers) default to "silly".
 */
const LOG_LEVELS = ["error", "warn", "info", "http", "verbose", "debug", "silly"]
const logLevel = env.LOG_LEVEL || (env.NODE_ENV === "development" || env.NODE_ENV === "test" ? "silly" : "warn")
if (!LOG_LEVELS.includes(logLevel)) {
  throw new Error(`LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")} (got ${JSON.stringify(env.LOG_LEVEL)})`)
}
applyLogLevel(logLevel)

/** A module as Medusa itself resolves it: the very instance its loaders use. */
function medusaRequire(id) {
  const medusaDir = path.dirname(require.resolve("@medusajs/medusa/package.json"))
  return require(require.resolve(id, { paths: [medusaDir] }))
}

function applyLogLevel(level) {
  // Medusa's logger read LOG_LEVEL when it was loaded (default "silly"); this file is read before the server starts.
  try {
    medusaRequire("@medusajs/medusa-cli/dist/reporter").default.setLogLevel(level)
  } catch {
    // not inside a Medusa process (admin build, unit tests)
  }
  // Medusa installs morgan's "combined" access log unconditionally; a format that answers null writes nothing.
  if (LOG_LEVELS.indexOf(level) < LOG_LEVELS.indexOf("http")) {
    try {
      const morgan = medusaRequire("morgan")
      morgan.format("combined", () => null)
    } catch {
      // no morgan, no access log
    }
  }
}

// `npm start` sets DATABASE_URL to its embedded PostgreSQL when none is given.
const databaseUrl = env.DATABASE_URL
const redisUrl = env.REDIS_URL || undefined
const redisNamespace = env.REDIS_NAMESPACE || "cm"

/** Where customers reach this server: the base of links in mails (unsubscribe). */
const publicUrl = (env.PUBLIC_URL || `http://localhost:${env.PORT || 9000}`).replace(/\/+$/, "")
if (!/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/.test(publicUrl)) {
  throw new Error(`PUBLIC_URL must be an http(s) address without query, like https://shop.example.com (got ${JSON.stringify(env.PUBLIC_URL)})`)
}

const adminUser = {
  email: env.ADMIN_EMAIL || (embedded ? "admin@example.com" : undefined),
  // The demo's password is random, made once by the entry point and printed at every start.
  password: env.ADMIN_PASSWORD || (embedded ? env.CM_DEMO_ADMIN_PASSWORD : undefined),
}

/** Every folder of src/plugins with a package.json is a plugin; core first. */
function localPlugins() {
  return fs
    .readdirSync(PLUGINS_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(PLUGINS_DIR, d.name, "package.json")))
    .map((d) => d.name)
    .sort((a, b) => (a === "core" ? -1 : b === "core" ? 1 : a.localeCompare(b)))
    .map((dir) => {
      const pkg = require(path.join(PLUGINS_DIR, dir, "package.json"))
      const options = { redisUrl, redisNamespace, publicUrl }
      if (dir === "core") options.adminUser = adminUser
      // The embed pages' payment step: which providers need a top-level page, Stripe's publishable key.
      if (dir === "gift-card") Object.assign(options, { topLevelPaymentProviders: env.PAYMENT_TOP_LEVEL_PROVIDERS, stripePublishableKey: stripe ? env.STRIPE_PUBLISHABLE_KEY : undefined })
      if (fs.existsSync(path.join(PLUGINS_DIR, dir, "src", "admin"))) options.enableUI = true
      return { resolve: pkg.name, options }
    })
}

/**
 * Stripe (medusa-payment-stripe) only when its keys are set: the secret API key and the webhook
 * secret (payments are confirmed by Stripe's webhook, so one without the other refuses to start).
 * STRIPE_PUBLISHABLE_KEY is what the embed pages' payment step shows to the browser.
 */
const stripe = env.STRIPE_API_KEY || env.STRIPE_WEBHOOK_SECRET ? stripePlugin() : null

function stripePlugin() {
  if (!env.STRIPE_API_KEY || !env.STRIPE_WEBHOOK_SECRET || !env.STRIPE_PUBLISHABLE_KEY) {
    throw new Error("Stripe needs STRIPE_API_KEY, STRIPE_WEBHOOK_SECRET and STRIPE_PUBLISHABLE_KEY together; refusing to start with only some of them.")
  }
  return {
    resolve: "medusa-payment-stripe",
    options: { api_key: env.STRIPE_API_KEY, webhook_secret: env.STRIPE_WEBHOOK_SECRET, capture: env.STRIPE_CAPTURE !== "0", automatic_payment_methods: true },
  }
}

const admin = {
  resolve: "@medusajs/admin",
  /** @type {import('@medusajs/admin').PluginOptions} */
  options: { serve: true, path: "/app", outDir: "build", autoRebuild: false },
}

/**
 * Medusa's file service (news images of the CMS): @medusajs/file-local keeps files under
 * DATA_DIR/uploads and serves them at PUBLIC_URL/<that folder relative to the working
 * directory>; a DATA_DIR outside the working directory keeps them in ./uploads/images instead
 * (file-local names the URL after the folder). Decision 115.
 */
function uploadDir() {
  const wanted = path.relative(process.cwd(), path.resolve(env.DATA_DIR || ".data", "uploads"))
  const dir = !wanted || wanted.startsWith("..") || path.isAbsolute(wanted) ? "uploads/images" : wanted.split(path.sep).join("/")
  if (env.CM_BUILD !== "1") fs.mkdirSync(dir, { recursive: true })
  return dir
}
const fileService = { resolve: "@medusajs/file-local", options: { upload_dir: uploadDir(), backend_url: publicUrl } }

const plugins = [
  "medusa-fulfillment-manual",
  "medusa-payment-manual",
  ...(stripe ? [stripe] : []),
  fileService,
  // One-off processes (the demo seed) have no use for the admin UI.
  ...(env.CM_WITHOUT_ADMIN === "1" ? [] : [admin]),
  ...localPlugins(),
]

/**
 * Connections that serve a request fail fast while Redis is away (no offline
 * queue, one retry): a request never waits on a dead connection. (Not for
 * projectConfig.redis_options: Medusa's scheduled-jobs worker shares those and
 * BullMQ workers need them unbounded.) The event
 * bus's connection is the exception: Medusa stages every event in the
 * `staged_job` table inside the caller's transaction (the outbox) and its
 * enqueuer moves them to Redis; that relay waits for Redis to come back.
 */
const failFastRedis = { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2_000 }

const modules = redisUrl
  ? {
      eventBus: {
        resolve: "@medusajs/event-bus-redis",
        options: {
          redisUrl,
          queueName: `${redisNamespace}-events`,
          // Medusa's default is one attempt: a subscriber that failed while the database restarted
          // was never run again. Retried ones skip the subscribers that already succeeded.
          jobOptions: {
            attempts: 8,
            backoff: { type: "exponential", delay: 1_000 },
            removeOnComplete: { count: 1_000, age: 24 * 3600 },
            removeOnFail: { count: 5_000, age: 7 * 24 * 3600 },
          },
        },
      },
      cacheService: {
        resolve: "@medusajs/cache-redis",
        options: { redisUrl, namespace: `${redisNamespace}-cache`, ttl: 30, redisOptions: failFastRedis },
      },
    }
  : {
      eventBus: { resolve: "@medusajs/event-bus-local" },
      cacheService: { resolve: "@medusajs/cache-inmemory", options: { ttl: 30 } },
    }

/** @type {import('@medusajs/medusa').ConfigModule} */
module.exports = {
  projectConfig: {
    database_url: databaseUrl,
    database_type: "postgres",
    database_extra: env.DATABASE_SSL === "1" ? { ssl: { rejectUnauthorized: false } } : {},
    redis_url: redisUrl,
    jwt_secret: secret("JWT_SECRET"),
    cookie_secret: secret("COOKIE_SECRET"),
    store_cors: env.STORE_CORS || "http://localhost:8000,http://localhost:9000",
    admin_cors: env.ADMIN_CORS || "http://localhost:7001,http://localhost:9000",
    worker_mode: env.MEDUSA_WORKER_MODE || "shared",
    // Sessions are saved when something is put in them (an admin or customer login), not for
    // every anonymous call: a POS call, a probe or a storefront read costs no Redis write and no
    // cookie, and never waits on a dead Redis (saving one per request hung every call then).
    session_options: { saveUninitialized: false, resave: false },
  },
  // No usage-data question at the merchant's first login, and nothing sent to Medusa's analytics.
  featureFlags: { analytics: false },
  plugins,
  modules,
}
