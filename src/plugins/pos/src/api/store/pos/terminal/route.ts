import type PosLocationService from "#services/pos-location"
import { posRoute } from "#src/pos-route"

/** GET /store/pos/terminal: who am I — the calling terminal, its scopes and location. */
export const GET = posRoute({
  handler: async (req, ctx) => {
    const location = await req.scope.resolve<PosLocationService>("posLocationService").retrieve(ctx.terminal.location_id)
    return {
      status: 200,
      body: {
        terminal: { id: ctx.terminal.id, name: ctx.terminal.name, scopes: ctx.terminal.scopes, location_id: location.id },
        location: { id: location.id, name: location.name, time_zone: location.time_zone, address: location.address },
        staff_id: ctx.staff_id,
      },
    }
  },
})
