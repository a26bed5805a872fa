import { registerFrontDoor } from "@customer-modules/core"

/**
 * Every till call (/store/pos/...) goes through the front door: posRoute does
 * its own authentication, limits, validation and transaction, and needs
 * nothing of Medusa's stack but the request scope and the store CORS.
 */
export default function posFrontDoor(): void {
  registerFrontDoor({ prefix: "/store/pos/" })
}
