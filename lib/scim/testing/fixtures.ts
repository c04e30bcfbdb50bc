// Loads the identity providers' request shapes (lib/scim/fixtures/*.json) with their {{placeholders}}
// filled in. Values are JSON-escaped into bodies and URL-encoded into paths.
import { readFileSync } from "node:fs";
import path from "node:path";

export type Idp = "okta" | "entra";

export interface ScimFixtureRequest {
  method: string;
  path: string;
  body?: unknown;
}

export function scimFixture(idp: Idp, name: string, vars: Record<string, string>): ScimFixtureRequest {
  const all = JSON.parse(
    readFileSync(path.join(import.meta.dirname, "..", "fixtures", `${idp}.json`), "utf8"),
  ) as Record<string, ScimFixtureRequest>;
  const req = all[name];
  if (!req) throw new Error(`No fixture ${idp}/${name}`);
  const fill = (text: string, encode: (v: string) => string) =>
    text.replace(/\{\{(\w+)\}\}/g, (_, key: string) => {
      if (!(key in vars)) throw new Error(`Fixture ${idp}/${name} needs {{${key}}}`);
      return encode(vars[key]);
    });
  return {
    method: req.method,
    path: fill(req.path, encodeURIComponent),
    body:
      req.body === undefined
        ? undefined
        : JSON.parse(fill(JSON.stringify(req.body), (v) => JSON.stringify(v).slice(1, -1))),
  };
}
