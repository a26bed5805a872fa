export type { default as LoyaltyService } from "./services/loyalty"
export type { LoyaltyCard, LoyaltyContext, LoyaltyCustomer, LoyaltyReward, LoyaltyVisit, PointsMovement } from "./types"
export type { LoyaltySettings } from "./validators"
export { birthdayKeys, pointsFor, share } from "./utils/points"
