import type StaffService from "#services/staff"
import { posRoute } from "#src/pos-route"

/**
 * GET /store/pos/staff-cards/:code: the staff member an RFID UID belongs to, so a
 * terminal can greet whoever signs in. Unknown or revoked cards answer 404 and
 * count as misses of the enumeration defence. Scope `feedback`: staff checks
 * are signed at feedback terminals (tills send X-Staff-Card with their calls).
 */
export const GET = posRoute({
  scope: "feedback",
  codeLookup: true,
  handler: async (req) => {
    const staff = await req.scope.resolve<StaffService>("staffService").resolveCard(req.params.code ?? "")
    if (!staff) {
      return { status: 404, body: { type: "not_found", message: "No active staff card has this UID" } }
    }
    return { status: 200, body: { staff_member: { id: staff.staff_id, name: staff.name } } }
  },
})
