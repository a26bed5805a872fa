/**
 * Medusa configuration: every setting comes from the environment (see README,
 * "Configuration"), every plugin under src/plugins is loaded.
 */
const fs = require("fs")
const path = require("path")

const DEFAULT_SECRET = "supersecret"
const PLUGINS_DIR = path.join(__dirname, "src", "plugins")

const env = process.env
const isProduction = env.NODE_ENV === "production"
const embedded = env.CM_EMBEDDED === "1"

function secret(name) {
  const value = env[name] || DEFAULT_SECRET
  // The admin build reads this file too; it needs no secrets.
  if (isProduction && value === DEFAULT_SECRET && env.CM_BUILD !== "1") {
    throw new Error(
      `${name} is unset or left at its default; refusing to start with NODE_ENV=production. Set ${name} to a long random string.`
    )
  }
  return value
}

/**
 * LOG_LEVEL (winston's npm levels): Medusa's logger logs at it; the access log
 * (one line per request) is written at "http" and more verbose. In production
 * it defaults to "warn": no line per request or per event unless asked for.
 */
const LOG_LEVELS = ["error", "warn", "info", "http", "verbose", "debug", "silly"]
const logLevel = env.LOG_LEVEL || (isProduction ? "warn" : "silly")
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
  password: env.ADMIN_PASSWORD || (embedded ? "supersecret" : undefined),
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
      if (fs.existsSync(path.join(PLUGINS_DIR, dir, "src", "admin"))) options.enableUI = true
      return { resolve: pkg.name, options }
    })
}

const admin = {
  resolve: "@medusajs/admin",
  /** @type {import('@medusajs/admin').PluginOptions} */
  options: { serve: true, path: "/app", outDir: "build", autoRebuild: false },
}

const plugins = [
  "medusa-fulfillment-manual",
  "medusa-payment-manual",
  // One-off processes (the demo seed) have no use for the admin UI.
  ...(env.CM_WITHOUT_ADMIN === "1" ? [] : [admin]),
  ...localPlugins(),
]

const modules = redisUrl
  ? {
      eventBus: {
        resolve: "@medusajs/event-bus-redis",
        options: { redisUrl, queueName: `${redisNamespace}-events` },
      },
      cacheService: {
        resolve: "@medusajs/cache-redis",
        options: { redisUrl, namespace: `${redisNamespace}-cache`, ttl: 30 },
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
    // every anonymous call: a POS call or a storefront read costs no Redis write and no cookie.
    session_options: { saveUninitialized: false, resave: false },
  },
  featureFlags: {},
  plugins,
  modules,
}
