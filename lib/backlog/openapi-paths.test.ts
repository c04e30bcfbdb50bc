import { describe, expect, it } from "vitest";
import { backlogOpenApiPaths } from "@/lib/backlog/openapi-paths";

describe("OpenAPI paths of the backlog area", () => {
  it("describes each endpoint from the handlers' own schemas", () => {
    const paths = backlogOpenApiPaths() as Record<
      string,
      Record<
        string,
        {
          parameters?: Array<{ name: string }>;
          requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown> } }> };
        }
      >
    >;
    expect(Object.keys(paths)).toContain("/projects/{project}/documents");
    expect(paths["/projects/{project}/documents"].post.parameters!.map((p) => p.name)).toEqual([
      "project",
      "filename",
      "format",
      "documentKey",
      "mode",
      "expectedSha256",
    ]);
    expect(
      Object.keys(
        paths["/projects/{project}/backlog/{item}/pull-requests"].post.requestBody!.content["application/json"].schema
          .properties!,
      ),
    ).toEqual(["url", "title", "state"]);
    expect(
      Object.keys(
        paths["/projects/{project}/runbooks/{runbook}/exercises"].post.requestBody!.content["application/json"].schema
          .properties!,
      ),
    ).toEqual(["performedAt", "outcome", "measuredRtoSeconds", "measuredRpoSeconds", "notes"]);
  });
});
