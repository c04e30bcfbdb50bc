import { z } from "zod";

// The OpenAPI 3.1 document of the machine-facing API (/api/v1/openapi.json) is assembled from parts:
// each area describes its own endpoints (lib/<area>/openapi-paths.ts) from the same zod schemas its
// handlers validate with, so that the two cannot drift apart; lib/api/openapi.ts joins them here. This
// file holds what every part shares: the builders, the security schemes and the Problem schema.

export type Json = Record<string, unknown>;

/** One area's contribution: its paths, and the named schemas they refer to. */
export interface OpenApiPart {
  paths: Json;
  schemas?: Json;
}

export const jsonSchema = (s: z.ZodType, io: "input" | "output" = "input") =>
  z.toJSONSchema(s, { io, unrepresentable: "any" }) as Json;

/** A strict query schema as OpenAPI query parameters, with a description per parameter where given. */
export function queryParameters(s: z.ZodObject, descriptions: Record<string, string> = {}): Json[] {
  const js = jsonSchema(s) as { properties: Record<string, Json>; required?: string[] };
  return Object.entries(js.properties).map(([name, p]) => ({
    name,
    in: "query",
    required: js.required?.includes(name) ?? false,
    schema: p,
    ...(descriptions[name] ? { description: descriptions[name] } : {}),
  }));
}

export const pathParameter = (name: string, description?: string) => ({
  name,
  in: "path",
  required: true,
  schema: { type: "string" },
  ...(description ? { description } : {}),
});
export const projectParameter = pathParameter("project", "The project's slug.");

/** A problem+json answer. */
export const problem = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
});
/** A JSON answer, of a named schema when given. */
export const json = (description: string, ref?: string) => ({
  description,
  content: { "application/json": { schema: ref ? { $ref: `#/components/schemas/${ref}` } : { type: "object" } } },
});
/** A JSON request body of this schema. */
export const jsonBody = (s: z.ZodType) => ({
  required: true,
  content: { "application/json": { schema: jsonSchema(s) } },
});

export const tokenOrSession = [{ projectToken: [] }, { session: [] }];
export const sessionOnly = [{ session: [] }];

const PROBLEM_SCHEMA = {
  type: "object",
  required: ["type", "title", "status", "detail"],
  properties: {
    type: { type: "string" },
    title: { type: "string" },
    status: { type: "integer" },
    detail: { type: "string" },
    errors: {
      type: "array",
      items: { type: "object", properties: { path: { type: "string" }, message: { type: "string" } } },
    },
    requestId: { type: "string" },
  },
};

/** The whole document from its parts (paths in the order given). */
export function openApiDocument(parts: OpenApiPart[]): Json {
  return {
    openapi: "3.1.0",
    info: {
      title: "Proofline API",
      version: "1",
      description:
        "Push evidence (test reports, scans, dependency audits, SBOMs, audit logs, restore drills, backups) to a project with a project token and read it back; read readiness (the CI gate); import documents and work the backlog and runbooks. Errors are RFC 9457 problem+json; ingest refusals have the type urn:proofline:problem:ingest-<reason>.",
    },
    servers: [{ url: "/api/v1" }],
    components: {
      securitySchemes: {
        projectToken: {
          type: "http",
          scheme: "bearer",
          description:
            "A project token (pl_…), created in the project's settings or with `npm run proofline -- token create`.",
        },
        session: { type: "apiKey", in: "cookie", name: "next-auth.session-token" },
      },
      schemas: Object.assign({ Problem: PROBLEM_SCHEMA }, ...parts.map((p) => p.schemas ?? {})),
    },
    paths: Object.assign({}, ...parts.map((p) => p.paths)),
  };
}
