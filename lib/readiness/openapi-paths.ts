// The OpenAPI 3.1 paths of the readiness endpoints (the CI gate, the CSV export, the on-demand
// snapshot), built from the zod schemas their handlers validate with. To be merged into
// /api/v1/openapi.json by its owner (lib/evidence/openapi.ts): `paths: { ..., ...readinessOpenApiPaths() }`.
import { z } from "zod";
import { ZReadinessQuery } from "@/lib/schemas/readiness";

type Json = Record<string, unknown>;

function query(s: z.ZodObject): Json[] {
  const js = z.toJSONSchema(s, { io: "input", unrepresentable: "any" }) as {
    properties: Record<string, Json>;
    required?: string[];
  };
  const descriptions: Record<string, string> = {
    framework: "A framework key the project is assessed against (soc2, gdpr, irb, …). Default: every one.",
    at: "As of: a date (YYYY-MM-DD, the end of that UTC day) or an ISO 8601 time with a zone. Default: now. The future is refused.",
  };
  return Object.entries(js.properties).map(([name, schema]) => ({
    name,
    in: "query",
    required: js.required?.includes(name) ?? false,
    schema,
    description: descriptions[name],
  }));
}

const project = {
  name: "project",
  in: "path",
  required: true,
  schema: { type: "string" },
  description: "The project's slug.",
};
const problem = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
});
const refusals = {
  "401": problem("No, unknown, expired or revoked token, or no session."),
  "403": problem("The token lacks the readiness:read scope, or the role may not read readiness."),
  "404": problem("No such project, or a token of another project."),
  "422": problem("Unknown framework, a bad or future `at`, or an unknown parameter; errors[] names each."),
};

const family = {
  type: "object",
  properties: {
    refId: { type: "string" },
    title: { type: "string" },
    met: { type: "integer" },
    applicable: { type: "integer" },
    score: { type: ["number", "null"] },
  },
};
const reason = {
  type: "object",
  properties: {
    type: {
      enum: [
        "evidence-failed",
        "evidence-expired",
        "evidence-missing",
        "blocker-open",
        "exercise-failed",
        "exercise-missed-target",
        "exercise-overdue",
        "alert-overdue",
        "no-proof",
      ],
    },
    severity: { enum: ["failing", "stale"] },
    sentence: { type: "string" },
    href: { type: "string", description: "The page in Proofline that shows what the reason is about." },
  },
};
const report = {
  type: "object",
  properties: {
    project: { type: "object", properties: { slug: { type: "string" }, name: { type: "string" } } },
    asOf: { type: "string", format: "date-time" },
    frameworks: {
      type: "array",
      items: {
        type: "object",
        properties: {
          key: { type: "string" },
          name: { type: "string" },
          score: {
            type: ["number", "null"],
            description: "Requirements met ÷ requirements that apply; null when none applies.",
          },
          met: { type: "integer" },
          applicable: { type: "integer" },
          previous: {
            type: ["object", "null"],
            description:
              "The newest daily snapshot from a day before `asOf`: fail a pipeline when the score drops below it.",
            properties: {
              day: { type: "string", format: "date" },
              score: { type: ["number", "null"] },
              met: { type: "integer" },
              applicable: { type: "integer" },
            },
          },
          families: { type: "array", items: family },
          controlCounts: {
            type: "object",
            properties: {
              passing: { type: "integer" },
              failing: { type: "integer" },
              stale: { type: "integer" },
              not_applicable: { type: "integer" },
            },
          },
          unmet: {
            type: "array",
            items: {
              type: "object",
              properties: {
                refId: { type: "string" },
                title: { type: "string" },
                family: { type: ["string", "null"] },
                note: { type: ["string", "null"] },
                controls: {
                  type: "array",
                  items: {
                    type: "object",
                    properties: {
                      key: { type: "string" },
                      title: { type: "string" },
                      state: { enum: ["failing", "stale"] },
                      reasons: { type: "array", items: reason },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
};

export function readinessOpenApiPaths(): Json {
  const security = [{ projectToken: [] }, { session: [] }];
  return {
    "/projects/{project}/readiness": {
      get: {
        summary:
          "Readiness (the CI gate): score, family figures, the previous snapshot and every unmet requirement with its reasons",
        description:
          "See docs/readiness.md for the rule. The CLI wraps it: `proofline gate --project <slug> --framework soc2 --min 0.8`.",
        security,
        parameters: [project, ...query(ZReadinessQuery)],
        responses: {
          "200": { description: "The report.", content: { "application/json": { schema: report } } },
          ...refusals,
        },
      },
    },
    "/projects/{project}/readiness/export": {
      get: {
        summary: "The scorecard as CSV: one row per requirement with its status, controls and reasons",
        security,
        parameters: [project, ...query(ZReadinessQuery)],
        responses: {
          "200": {
            description: "CSV (framework, family, requirement, title, status, controls, reasons, as_of).",
            content: { "text/csv": {} },
          },
          ...refusals,
        },
      },
    },
    "/projects/{project}/readiness/snapshots": {
      post: {
        summary: "Record today's readiness now (the daily job settles the day at its end)",
        security: [{ session: [] }],
        parameters: [project],
        responses: {
          "200": { description: "{ day, frameworks: [{ frameworkId, score, met, applicable }] }" },
          ...refusals,
          "403": problem("The role may not record snapshots (readiness:snapshot)."),
          "409": problem("The project is archived."),
        },
      },
    },
  };
}
