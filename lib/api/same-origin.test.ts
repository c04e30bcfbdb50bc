import { describe, expect, it } from "vitest";
import { crossOriginProblem } from "@/lib/api/same-origin";

const req = (method: string, headers: Record<string, string>) =>
  new Request("http://proofline.example.com/api/v1/projects", {
    method,
    headers: { host: "proofline.example.com", ...headers },
  });

describe("crossOriginProblem", () => {
  it("refuses state-changing requests from another origin, including sibling sites and opaque origins", () => {
    for (const origin of [
      "https://evil.example",
      "http://proofline.example.com.evil.example",
      "https://sub.proofline.example.com",
      "null",
      "http://proofline.example.com:8080",
    ]) {
      for (const method of ["POST", "PUT", "PATCH", "DELETE"])
        expect(crossOriginProblem(req(method, { origin }))).toMatch(/request from/);
    }
    expect(crossOriginProblem(req("POST", { "sec-fetch-site": "cross-site" }))).toMatch(/cross-site/);
    expect(
      crossOriginProblem(req("POST", { "sec-fetch-site": "same-site", origin: "http://proofline.example.com" })),
    ).toMatch(/same-site/);
  });
  it("lets same-origin browser requests, reads and non-browser clients through", () => {
    expect(
      crossOriginProblem(req("POST", { origin: "http://proofline.example.com", "sec-fetch-site": "same-origin" })),
    ).toBeNull();
    expect(crossOriginProblem(req("GET", { origin: "https://evil.example" }))).toBeNull();
    expect(crossOriginProblem(req("POST", {}))).toBeNull();
    expect(
      crossOriginProblem(
        req("POST", { origin: "https://proofline.example.com", "x-forwarded-host": "app.internal" }),
        "https://proofline.example.com",
      ),
    ).toBeNull();
  });
});
