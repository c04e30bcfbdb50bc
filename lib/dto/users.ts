// The users and SCIM token APIs' answers as the browser receives them (app/api/v1/users, app/api/scim/tokens).
import type { ResponseOf } from "@/lib/dto/serialized";
import type { listUsers } from "@/lib/users/list-users";
import type { createUser } from "@/lib/users/create-user";
import type { updateUser } from "@/lib/users/update-user";
import type { createScimToken, listScimTokens } from "@/lib/scim/tokens";

/** One user of GET /api/v1/users ({ items }) */
export type UserDto = ResponseOf<typeof listUsers>[number];
/** POST /api/v1/users */
export type CreatedUserDto = ResponseOf<typeof createUser>;
/** PATCH /api/v1/users/[id] */
export type UpdatedUserDto = ResponseOf<typeof updateUser>;

/** One token of GET /api/scim/tokens ({ items }) */
export type ScimTokenDto = ResponseOf<typeof listScimTokens>[number];
/** POST /api/scim/tokens (carries the secret, once) */
export type CreatedScimTokenDto = ResponseOf<typeof createScimToken>;
