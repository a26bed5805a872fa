import { z } from "zod"

import { timeZone } from "@customer-modules/core"

import { isPosScope } from "./scopes"

const name = z.string().trim().min(1, "must not be empty").max(120)
const id = z.string().trim().min(1).max(64)
const address = z.string().trim().max(500).nullable()
const metadata = z.record(z.unknown()).nullable()

export const CreateLocation = z
  .object({ name, time_zone: timeZone, address: address.optional(), metadata: metadata.optional() })
  .strict()

export const UpdateLocation = z
  .object({
    name: name.optional(),
    time_zone: timeZone.optional(),
    address: address.optional(),
    metadata: metadata.optional(),
  })
  .strict()

export const CreateTerminal = z
  .object({
    name,
    location_id: id,
    scopes: z.array(z.string().refine(isPosScope, "is not a known scope (GET /admin/pos/scopes lists them)")).min(1, "must name at least one scope").max(40),
  })
  .strict()

export const CreateStaffMember = z.object({ name, location_id: id.nullable().optional() }).strict()

export const UpdateStaffMember = z
  .object({ name: name.optional(), location_id: id.nullable().optional(), active: z.boolean().optional() })
  .strict()

export const AddStaffCard = z.object({ uid: z.string().trim().min(1).max(64) }).strict()
