import type pg from "pg";

// The activity trail is protected by the database's rights, not only by triggers: the app works as the
// role "proofline_app" (created by the migration 20261207035900_app_role), which may only INSERT and
// SELECT on the trail and owns no table, so it can neither change events nor disable the triggers.
// Migrations run as the connection's own (owner) role. When that login role may switch to
// proofline_app (it is a member, or a superuser, as under `npm start` and in the tests), every app
// connection switches on connect; a login role that is not a member keeps its own rights, which is
// how a production deployment with a separate, non-owner login role works (docs/adr/0009).

export const APP_ROLE = "proofline_app";

const ASSUME_APP_ROLE = `SELECT set_config('role', '${APP_ROLE}', false) FROM pg_roles
  WHERE rolname = '${APP_ROLE}' AND current_user <> '${APP_ROLE}' AND pg_has_role(current_user, oid, 'MEMBER')`;

/** The pool's onConnect hook: a connection whose switch fails is closed, never used with owner rights. */
export async function assumeAppRole(client: pg.ClientBase): Promise<void> {
  await client.query(ASSUME_APP_ROLE);
}

/** Pool options for every connection the app itself uses (requests, jobs, bulk ingest). */
export function appPoolConfig(connectionString: string, max: number): pg.PoolConfig {
  return { connectionString, max, onConnect: assumeAppRole };
}
