import { describe, expect, it } from "vitest";
import { readinessOpenApiPaths } from "@/lib/readiness/openapi-paths";

describe("readiness OpenAPI paths", () => {
  it("document the gate's query parameters from the same schema the handler validates with", () => {
    const paths = readinessOpenApiPaths() as Record<
      string,
      { get?: { parameters: Array<{ name: string; in: string; schema: { pattern?: string } }> } }
    >;
    expect(Object.keys(paths)).toEqual([
      "/projects/{project}/readiness",
      "/projects/{project}/readiness/export",
      "/projects/{project}/readiness/snapshots",
    ]);
    const params = paths["/projects/{project}/readiness"].get!.parameters;
    expect(params.map((p) => `${p.in}:${p.name}`)).toEqual(["path:project", "query:framework", "query:at"]);
    expect(new RegExp(params[2].schema.pattern!).test("2026-10-03")).toBe(true);
    expect(new RegExp(params[1].schema.pattern!).test("soc2")).toBe(true);
  });
});
