import type { ConfigModule, MedusaRequest } from "@medusajs/medusa"
import type { AwilixContainer } from "awilix"
import type { EntityManager } from "typeorm"

/**
 * Medusa's admin strategies take a signed token or a session's user id on trust: a token
 * for a deleted (or never existing) user opens the admin until it expires. The same
 * strategies are registered again here, by the same names, with one check added: the user
 * behind the token or session exists and is not deleted.
 *
 * Passport, passport-custom and jsonwebtoken are resolved from Medusa's own location, so
 * that these are the very instances Medusa's `authenticate()` consults.
 */
type Done = (error: unknown, user?: { userId: string } | false) => void
type Passport = { use(name: string, strategy: unknown): void }
type CustomStrategyCtor = new (verify: (req: MedusaRequest, done: Done) => void) => unknown
type Jwt = { verify(token: string, secret: string): unknown }

const fromMedusa = <T>(name: string): T =>
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(require.resolve(name, { paths: [require.resolve("@medusajs/medusa")] })) as T

const BEARER = /^Bearer\s+(\S+)\s*$/i

async function userExists(req: MedusaRequest, userId: string): Promise<boolean> {
  const manager = req.scope.resolve<EntityManager>("manager")
  const rows: unknown[] = await manager.query(`SELECT 1 FROM "user" WHERE id = $1 AND deleted_at IS NULL`, [userId])
  return rows.length > 0
}

/** Answers the strategy with the user when it exists, else as "not authenticated". */
function withUser(req: MedusaRequest, userId: unknown, done: Done): void {
  if (typeof userId !== "string" || !userId) {
    done(null, false)
    return
  }
  userExists(req, userId).then(
    (exists) => done(null, exists ? { userId } : false),
    (e) => done(e)
  )
}

export default function registerAdminStrategies(container: AwilixContainer): void {
  const passport = fromMedusa<Passport>("passport")
  const { Strategy: CustomStrategy } = fromMedusa<{ Strategy: CustomStrategyCtor }>("passport-custom")
  const jwt = fromMedusa<Jwt>("jsonwebtoken")
  const secret = container.resolve<ConfigModule>("configModule").projectConfig.jwt_secret as string

  passport.use(
    "admin-session",
    new CustomStrategy((req, done) => withUser(req, (req as { session?: { user_id?: unknown } }).session?.user_id, done))
  )
  passport.use(
    "admin-bearer",
    new CustomStrategy((req, done) => {
      const match = BEARER.exec(req.get("authorization") ?? "")
      if (!match) {
        done(null, false)
        return
      }
      let payload: { domain?: unknown; user_id?: unknown }
      try {
        payload = jwt.verify(match[1], secret) as typeof payload
      } catch {
        // Not an admin token of this server (another signer, expired, malformed): not authenticated.
        done(null, false)
        return
      }
      if (payload?.domain !== "admin") {
        done(null, false)
        return
      }
      withUser(req, payload.user_id, done)
    })
  )
}
