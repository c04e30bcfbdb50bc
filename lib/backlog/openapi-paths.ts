// The OpenAPI 3.1 paths of the documents, backlog and runbook endpoints, built from the zod schemas
// their handlers validate with; joined into /api/v1/openapi.json by lib/api/openapi.ts.
import {
  ZBacklogCountsQuery,
  ZBacklogItemCreate,
  ZBacklogItemUpdate,
  ZBacklogListQuery,
  ZControlLink,
  ZCriterionToggle,
  ZDocumentImportQuery,
  ZPullRequestLink,
} from "@/lib/schemas/backlog";
import { ZExerciseCreate, ZRunbookCreate, ZRunbookUpdate } from "@/lib/schemas/runbook";
import {
  json,
  jsonBody as body,
  pathParameter as path,
  problem,
  projectParameter as project,
  queryParameters as query,
  tokenOrSession as security,
  type Json,
} from "@/lib/core/http/openapi";

const ok = (description: string) => json(description);
const refusals = {
  "401": problem("Not authenticated."),
  "403": problem("The role or token scope does not allow it."),
  "404": problem("No such project or record."),
  "422": problem("Invalid input, with errors[] naming each field."),
};

export function backlogOpenApiPaths(): Json {
  return {
    "/projects/{project}/documents": {
      get: {
        summary: "Imported documents with their versions",
        security,
        parameters: [project],
        responses: { "200": ok("{ items }"), ...refusals },
      },
      post: {
        summary: "Preview or import a readiness document (the raw body is the document)",
        description:
          "mode=preview (the default) answers with what would be created, updated, closed, reopened, marked as gone and every conflict; mode=apply imports. Markdown, reStructuredText (also flattened onto one line) or plain text, up to 5 MB by default (IMPORT_MAX_BYTES), UTF-8.",
        security,
        parameters: [project, ...query(ZDocumentImportQuery)],
        requestBody: {
          required: true,
          content: {
            "text/plain": { schema: { type: "string" } },
            "application/octet-stream": { schema: { type: "string", format: "binary" } },
          },
        },
        responses: {
          "200": ok("The plan (preview)."),
          "201": ok("Imported: the plan as applied, the document and version ids."),
          "409": problem("expectedSha256 does not match, or the project is archived."),
          "413": problem("Over the size limit."),
          "415": problem("A binary file."),
          ...refusals,
        },
      },
    },
    "/projects/{project}/documents/{document}": {
      get: {
        summary: "A stored version and the lines its items point at",
        security,
        parameters: [project, path("document"), { name: "version", in: "query", schema: { type: "string" } }],
        responses: { "200": ok("{ document, version, lines }"), ...refusals },
      },
    },
    "/projects/{project}/backlog": {
      get: {
        summary: "Backlog items, blockers first (cursor-paginated)",
        security,
        parameters: [project, ...query(ZBacklogListQuery.omit({ project: true }))],
        responses: { "200": ok("{ items, nextCursor }"), ...refusals },
      },
      post: {
        summary: "Add an item by hand",
        security,
        parameters: [project],
        requestBody: body(ZBacklogItemCreate),
        responses: { "201": ok("The item."), "409": problem("The key is taken."), ...refusals },
      },
    },
    "/projects/{project}/backlog/counts": {
      get: {
        summary: "Open items by block × priority",
        security,
        parameters: [project, ...query(ZBacklogCountsQuery.omit({ project: true, block: true, priority: true }))],
        responses: { "200": ok("{ priorities, rows, totals, total }"), ...refusals },
      },
    },
    "/projects/{project}/backlog/{item}": {
      get: {
        summary: "One item with criteria, links, source and history",
        security,
        parameters: [project, path("item")],
        responses: { "200": ok("The item."), ...refusals },
      },
      patch: {
        summary: "Edit an item",
        security,
        parameters: [project, path("item")],
        requestBody: body(ZBacklogItemUpdate),
        responses: { "200": ok("The item."), ...refusals },
      },
    },
    "/projects/{project}/backlog/{item}/criteria/{criterion}": {
      patch: {
        summary: "Tick or untick an acceptance criterion",
        security,
        parameters: [project, path("item"), path("criterion")],
        requestBody: body(ZCriterionToggle),
        responses: { "200": ok("The criterion."), ...refusals },
      },
    },
    "/projects/{project}/backlog/{item}/controls": {
      post: {
        summary: "Link a control (by key or id)",
        security,
        parameters: [project, path("item")],
        requestBody: body(ZControlLink),
        responses: { "200": ok("{ key, title, linked }"), ...refusals },
      },
    },
    "/projects/{project}/backlog/{item}/pull-requests": {
      post: {
        summary: "Link a GitHub pull request by its address",
        security,
        parameters: [project, path("item")],
        requestBody: body(ZPullRequestLink),
        responses: { "201": ok("The pull request (title and state as entered)."), ...refusals },
      },
    },
    "/backlog": {
      get: {
        summary: "Backlog items across the projects the caller can see",
        security,
        parameters: query(ZBacklogListQuery),
        responses: { "200": ok("{ items, nextCursor }"), ...refusals },
      },
    },
    "/projects/{project}/runbooks": {
      get: {
        summary: "Runbooks, overdue exercises first",
        security,
        parameters: [project],
        responses: { "200": ok("{ items }"), ...refusals },
      },
      post: {
        summary: "Write a runbook",
        security,
        parameters: [project],
        requestBody: body(ZRunbookCreate),
        responses: { "201": ok("The runbook."), "409": problem("The key is taken."), ...refusals },
      },
    },
    "/projects/{project}/runbooks/{runbook}": {
      get: {
        summary: "A runbook with steps (of ?version=), history, exercises and schedule",
        security,
        parameters: [project, path("runbook"), { name: "version", in: "query", schema: { type: "integer" } }],
        responses: { "200": ok("The runbook."), ...refusals },
      },
      patch: {
        summary: "Change a runbook (new steps or title make a new version)",
        security,
        parameters: [project, path("runbook")],
        requestBody: body(ZRunbookUpdate),
        responses: { "200": ok("The runbook."), ...refusals },
      },
    },
    "/projects/{project}/runbooks/{runbook}/exercises": {
      post: {
        summary: "Record an exercise",
        security,
        parameters: [project, path("runbook")],
        requestBody: body(ZExerciseCreate),
        responses: { "201": ok("The exercise."), ...refusals },
      },
    },
    "/projects/{project}/runbooks/{runbook}/exercises/{exercise}/attachments": {
      post: {
        summary: "Attach a file to an exercise (the body is the file; up to 25 MB)",
        security,
        parameters: [
          project,
          path("runbook"),
          path("exercise"),
          { name: "filename", in: "query", required: true, schema: { type: "string" } },
        ],
        requestBody: {
          required: true,
          content: { "application/octet-stream": { schema: { type: "string", format: "binary" } } },
        },
        responses: {
          "201": ok("{ status: created, attachment }"),
          "200": ok("{ status: existing, attachment }: the same file was already attached"),
          "413": problem("Over 25 MB."),
          ...refusals,
        },
      },
    },
    "/projects/{project}/runbooks/{runbook}/exercises/{exercise}/attachments/{attachment}": {
      get: {
        summary: "Download an attachment, as it was sent",
        security,
        parameters: [project, path("runbook"), path("exercise"), path("attachment")],
        responses: {
          "200": { description: "The file (application/octet-stream, with its sha256 in x-proofline-sha256)." },
          ...refusals,
        },
      },
    },
  };
}
