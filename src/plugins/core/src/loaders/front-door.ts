import type { AwilixContainer } from "awilix"

import { installFrontDoor } from "../front-door"

/** The front door for the hot routes the plugins declare (see registerFrontDoor). */
export default function frontDoor(container: AwilixContainer): void {
  installFrontDoor(container)
}
