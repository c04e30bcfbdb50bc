import { describe, expect, it } from "vitest";
import { GET } from "@/app/api/v1/openapi.json/route";
import { apiDocument } from "@/lib/api/openapi";
import { PUSH_FORMATS } from "@/lib/ingest/formats";
import { NextRequest } from "next/server";

describe("the OpenAPI document", () => {
  const doc = apiDocument() as {
    paths: Record<
      string,
      Record<string, { parameters?: Array<{ name: string; in: string; schema: { enum?: string[] } }> }>
    >;
    components: { schemas: Record<string, unknown> };
  };

  it("documents the push endpoint with every push format and every source parameter", () => {
    const post = doc.paths["/projects/{project}/evidence"].post;
    const format = post.parameters!.find((p) => p.name === "format")!;
    expect(format.schema.enum).toEqual(PUSH_FORMATS);
    expect(post.parameters!.filter((p) => p.in === "query").map((p) => p.name)).toEqual(
      expect.arrayContaining([
        "repo",
        "branch",
        "commit",
        "workflow",
        "runUrl",
        "effectiveAt",
        "periodStart",
        "periodEnd",
        "filename",
      ]),
    );
  });

  it("merges the paths other areas describe (readiness gate, documents, backlog, runbooks)", () => {
    const paths = Object.keys(doc.paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        "/projects/{project}/documents",
        "/projects/{project}/evidence",
        "/projects/{project}/github",
      ]),
    );
    expect(paths.some((p) => p.includes("readiness"))).toBe(true);
  });

  it("only refers to schemas it defines", () => {
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/(\w+)"/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThan(5);
    for (const ref of refs) expect(doc.components.schemas, ref).toHaveProperty(ref);
  });

  it("is served at /api/v1/openapi.json without signing in", async () => {
    const res = await GET(new NextRequest("http://localhost/api/v1/openapi.json"), { params: Promise.resolve({}) });
    expect(res.status).toBe(200);
    expect((await res.json()).openapi).toBe("3.1.0");
  });
});
