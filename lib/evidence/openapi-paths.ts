import { PUSH_FORMATS, FORMATS } from "@/lib/ingest/formats";
import {
  MAX_DRILL_FILES,
  ZDrillPushQuery,
  ZEvidenceLink,
  ZEvidenceListQuery,
  ZEvidencePushMeta,
  ZEvidenceRuleInput,
  ZEvidenceRuleUpdate,
  ZAuditLogMapping,
  SOURCE_HEADERS,
} from "@/lib/schemas/evidence";
import { ZTokenCreate } from "@/lib/schemas/token";
import { ZDrillReport } from "@/lib/schemas/evidence-drill";
import {
  json,
  jsonSchema as schema,
  pathParameter,
  problem,
  projectParameter as project,
  queryParameters,
  sessionOnly as session,
  tokenOrSession,
  type OpenApiPart,
} from "@/lib/core/http/openapi";

// The OpenAPI 3.1 paths of the evidence, webhook, rule, security-alert and token endpoints, with the
// schemas they name; joined into /api/v1/openapi.json by lib/api/openapi.ts.

const id = pathParameter("id");

const ingestResult = {
  type: "object",
  required: [
    "status",
    "id",
    "kind",
    "format",
    "formatDetected",
    "outcome",
    "title",
    "summary",
    "effectiveAt",
    "controls",
  ],
  properties: {
    status: { enum: ["created", "existing"] },
    id: { type: "string" },
    kind: {
      enum: Object.values(FORMATS)
        .map((f) => f.kind)
        .filter((k, i, all) => all.indexOf(k) === i),
    },
    format: { type: "string" },
    formatDetected: {
      type: "boolean",
      description: "True when Proofline recognised the format itself (no ?format= given).",
    },
    outcome: { enum: ["PASS", "FAIL", "WARN", "INFO"] },
    title: { type: "string" },
    summary: { type: "object", description: "The parsed summary; `outcomeReason` says which rule gave the outcome." },
    effectiveAt: { type: "string", format: "date-time" },
    expiresAt: { type: ["string", "null"], format: "date-time" },
    sha256: { type: ["string", "null"] },
    controls: {
      type: "array",
      items: { type: "string" },
      description: "Keys of the controls the evidence was filed under.",
    },
  },
};

/** The evidence area's part of the API document. */
export function evidenceOpenApi(): OpenApiPart {
  const pushDescriptions = Object.fromEntries(
    Object.entries(SOURCE_HEADERS).map(([k, h]) => [k, `Also accepted as the ${h} header (the query parameter wins).`]),
  );
  return {
    schemas: {
      IngestResult: ingestResult,
      DrillReport: schema(ZDrillReport),
      EvidenceLink: schema(ZEvidenceLink),
      EvidenceRule: schema(ZEvidenceRuleInput),
      EvidenceRuleUpdate: schema(ZEvidenceRuleUpdate),
      AuditLogMapping: schema(ZAuditLogMapping),
      TokenCreate: schema(ZTokenCreate),
    },
    paths: {
      "/projects/{project}/evidence": {
        post: {
          summary: "Push one evidence file (raw body, streamed)",
          description: `The body is the file itself. Formats: ${PUSH_FORMATS.map((f) => `\`${f}\` (${FORMATS[f].label})`).join(", ")}. Without ?format= the format is detected; a named format is checked against the content. Limits, by default: 1 GB for streamed formats (JUnit XML, JSON Lines), 50 MB for one JSON document, 1 MB per line (the deployment can change them: INGEST_MAX_BODY_BYTES, INGEST_MAX_JSON_BYTES, INGEST_MAX_LINE_BYTES).`,
          security: tokenOrSession,
          parameters: [project, ...queryParameters(ZEvidencePushMeta, pushDescriptions)],
          requestBody: {
            required: true,
            content: { "application/octet-stream": { schema: { type: "string", format: "binary" } } },
          },
          responses: {
            "201": json("Stored as new evidence.", "IngestResult"),
            "200": json("These bytes were already stored for this project: the existing evidence.", "IngestResult"),
            "400": problem(
              "Malformed, truncated or empty body, invalid UTF-8, or a DOCTYPE (ingest-malformed-xml, ingest-malformed-json, ingest-truncated, ingest-empty-body, ingest-invalid-utf8, ingest-doctype-refused).",
            ),
            "401": problem("No, unknown, expired or revoked token."),
            "403": problem("A token of another project, or without the evidence:write scope."),
            "404": problem("No such project."),
            "413": problem(
              "Body, JSON document or a line over its limit (ingest-body-too-large, ingest-document-too-large, ingest-line-too-long).",
            ),
            "415": problem(
              "The format could not be recognised or is not supported (ingest-unknown-format, ingest-unsupported-format).",
            ),
            "422": problem(
              "Bad parameters, a named format that does not match the content, or content that is not valid for its format (invalid-input, ingest-format-mismatch, ingest-invalid-content, ingest-tool-error).",
            ),
          },
        },
        get: {
          summary: "List evidence, newest first (cursor-paginated)",
          security: tokenOrSession,
          parameters: [project, ...queryParameters(ZEvidenceListQuery)],
          responses: {
            "200": json("{ items, nextCursor }"),
            "401": problem("Not authenticated."),
            "403": problem("Not allowed."),
            "422": problem("Bad filter or cursor."),
          },
        },
      },
      "/projects/{project}/drills": {
        post: {
          summary: "Push several tool outputs as one restore drill (multipart/form-data)",
          description: `One file part per file (at most ${MAX_DRILL_FILES}, 64 MB in all): e.g. a pgBackRest backup and restore log, the restored copy's PostgreSQL log and a verification query's output. Every file is parsed before anything is written; each is stored as its own evidence (a file no format recognises as a manual file), and the drill as restore-drill JSON naming each file by sha256, judged from the files and recorded as an exercise of the runbook.`,
          security: tokenOrSession,
          parameters: [
            project,
            ...queryParameters(ZDrillPushQuery, {
              name: "The drill's name (also the runbook key when runbook is not given).",
              runbook: "The key of the runbook the drill exercises.",
            }),
          ],
          requestBody: {
            required: true,
            content: {
              "multipart/form-data": {
                schema: { type: "object", additionalProperties: { type: "string", format: "binary" } },
              },
            },
          },
          responses: {
            "201": json("The drill was stored: { drill, files: [{ filename, result }] }."),
            "200": json("The same drill was already stored."),
            "400": problem(
              "Not valid multipart, a text field, or a file that is empty, malformed or cut off (its name first in the detail).",
            ),
            "413": problem("The form is over 64 MB, or a file over its limit."),
            "415": problem("Not multipart/form-data, or a file in a format that is refused."),
            "422": problem("Bad parameters, too many files, or a file whose content is invalid."),
          },
        },
      },
      "/projects/{project}/evidence/{id}": {
        get: {
          summary: "One evidence with its summary, source and filing",
          security: tokenOrSession,
          parameters: [project, id],
          responses: { "200": json("The evidence."), "404": problem("No such evidence.") },
        },
      },
      "/projects/{project}/evidence/{id}/original": {
        get: {
          summary: "Download the original bytes",
          security: tokenOrSession,
          parameters: [project, id],
          responses: {
            "200": {
              description: "The original file; its sha256 is in the ETag and X-Proofline-Sha256 headers.",
              content: { "application/octet-stream": {} },
            },
            "404": problem("No such evidence or no stored original."),
          },
        },
      },
      "/projects/{project}/evidence/links": {
        post: {
          summary: "Record a link as evidence",
          security: tokenOrSession,
          parameters: [project],
          requestBody: {
            required: true,
            content: { "application/json": { schema: { $ref: "#/components/schemas/EvidenceLink" } } },
          },
          responses: {
            "201": json("Recorded.", "IngestResult"),
            "200": json("Already recorded.", "IngestResult"),
            "422": problem("Invalid input."),
          },
        },
      },
      "/projects/{project}/github": {
        post: {
          summary:
            "GitHub webhook (pull_request, workflow_run, check_suite, check_run, deployment_status, dependabot_alert, code_scanning_alert, secret_scanning_alert)",
          description:
            "Deliveries must be signed with the project's webhook secret (X-Hub-Signature-256). JSON and form-encoded deliveries are accepted.",
          parameters: [
            project,
            { name: "X-GitHub-Event", in: "header", required: true, schema: { type: "string" } },
            { name: "X-Hub-Signature-256", in: "header", required: true, schema: { type: "string" } },
          ],
          requestBody: { required: true, content: { "application/json": {}, "application/x-www-form-urlencoded": {} } },
          responses: {
            "200": json("Pull request synced, ping answered, or evidence already stored."),
            "201": json("Stored as new evidence."),
            "202": json("Delivered but not used (e.g. a run still in progress)."),
            "401": problem("Bad or missing signature."),
            "404": problem("No such project, or no webhook secret set."),
          },
        },
      },
      "/projects/{project}/gitlab": {
        post: {
          summary: "GitLab webhook (Pipeline Hook, Merge Request Hook, Deployment Hook)",
          description:
            "Deliveries must carry the project's GitLab token (X-Gitlab-Token), checked before the body is read. Repeats answer with the evidence already stored.",
          parameters: [
            project,
            { name: "X-Gitlab-Event", in: "header", required: true, schema: { type: "string" } },
            { name: "X-Gitlab-Token", in: "header", required: true, schema: { type: "string" } },
          ],
          requestBody: { required: true, content: { "application/json": {} } },
          responses: {
            "200": json("Merge request synced, or evidence already stored."),
            "201": json("Stored as new evidence."),
            "202": json("Delivered but not used (e.g. a pipeline still running)."),
            "401": problem("Wrong or missing token."),
            "404": problem("No such project, or no GitLab token set."),
          },
        },
      },
      "/projects/{project}/gitlab/token": {
        post: {
          summary:
            "Create or replace the project's GitLab webhook token (in this answer only; only its SHA-256 is kept)",
          security: session,
          parameters: [project],
          responses: { "200": json("{ token, webhookUrl }") },
        },
      },
      "/projects/{project}/security-alerts": {
        get: {
          summary:
            "GitHub security alerts: open alerts by age against their deadline, time to fix per severity over 90 days",
          security: tokenOrSession,
          parameters: [project],
          responses: { "200": json("{ policy, openAlerts, bySeverity, timeToFix }") },
        },
      },
      "/projects/{project}/remediation-policy": {
        get: {
          summary: "Remediation deadlines (days per severity; defaults 15/30/90/180)",
          security: session,
          parameters: [project],
          responses: { "200": json("{ criticalDays, highDays, mediumDays, lowDays, isDefault }") },
        },
        put: {
          summary: "Set remediation deadlines (critical <= high <= medium <= low)",
          security: session,
          parameters: [project],
          requestBody: { required: true, content: { "application/json": {} } },
          responses: { "200": json("Set."), "422": problem("Invalid input.") },
        },
      },
      "/projects/{project}/rules": {
        get: {
          summary: "List filing rules",
          security: session,
          parameters: [project],
          responses: { "200": json("{ items, auditLogMapping }") },
        },
        post: {
          summary: "Create a filing rule",
          security: session,
          parameters: [project],
          requestBody: {
            required: true,
            content: { "application/json": { schema: { $ref: "#/components/schemas/EvidenceRule" } } },
          },
          responses: { "201": json("Created."), "422": problem("Invalid input.") },
        },
      },
      "/projects/{project}/rules/{id}": {
        patch: {
          summary: "Change a rule",
          security: session,
          parameters: [project, id],
          requestBody: {
            required: true,
            content: { "application/json": { schema: { $ref: "#/components/schemas/EvidenceRuleUpdate" } } },
          },
          responses: { "200": json("Changed.") },
        },
        delete: {
          summary: "Delete a rule and the filings it made",
          security: session,
          parameters: [project, id],
          responses: { "200": json("Deleted.") },
        },
      },
      "/projects/{project}/rules/{id}/apply": {
        post: {
          summary: "Apply a rule to past evidence",
          security: session,
          parameters: [project, id],
          responses: { "200": json("{ matched, added, removed }") },
        },
      },
      "/projects/{project}/evidence/audit-log-mapping": {
        put: {
          summary: "Set where audit-log lines keep time, actor, action, target, outcome and source",
          security: session,
          parameters: [project],
          requestBody: {
            required: true,
            content: { "application/json": { schema: { $ref: "#/components/schemas/AuditLogMapping" } } },
          },
          responses: { "200": json("Set.") },
        },
      },
      "/projects/{project}/tokens": {
        get: {
          summary: "List project tokens",
          security: session,
          parameters: [project],
          responses: { "200": json("{ items, github }") },
        },
        post: {
          summary: "Create a project token (the secret is in this answer only)",
          security: session,
          parameters: [project],
          requestBody: {
            required: true,
            content: { "application/json": { schema: { $ref: "#/components/schemas/TokenCreate" } } },
          },
          responses: { "201": json("Created.") },
        },
      },
      "/projects/{project}/tokens/{id}": {
        delete: {
          summary: "Revoke a token",
          security: session,
          parameters: [project, id],
          responses: { "200": json("Revoked.") },
        },
      },
    },
  };
}
