import { describe, expect, it } from "vitest";
import { API_CSP, contentSecurityPolicy, newNonce } from "@/lib/csp";

const directives = (csp: string) =>
  Object.fromEntries(csp.split("; ").map((d) => [d.split(" ")[0], d.split(" ").slice(1)]));

describe("Content-Security-Policy", () => {
  it("runs only scripts carrying this request's nonce (no inline handlers, no eval, no other hosts)", () => {
    const nonce = newNonce();
    const d = directives(contentSecurityPolicy(nonce));
    expect(d["script-src"]).toEqual(["'self'", `'nonce-${nonce}'`, "'strict-dynamic'"]);
    expect(d["script-src"].join(" ")).not.toMatch(/unsafe-inline|unsafe-eval|\*|https?:/);
    expect(d["object-src"]).toEqual(["'none'"]);
    expect(d["base-uri"]).toEqual(["'self'"]);
    expect(d["frame-ancestors"]).toEqual(["'none'"]);
    expect(d["form-action"]).toEqual(["'self'"]);
    expect(d["default-src"]).toEqual(["'self'"]);
  });
  it("uses a fresh, unguessable nonce per request", () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    for (const n of nonces) expect(n).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
  it("allows eval only under next dev", () => {
    expect(contentSecurityPolicy("n", { dev: true })).toMatch(/'unsafe-eval'/);
    expect(contentSecurityPolicy("n")).not.toMatch(/'unsafe-eval'/);
  });
  it("gives API answers and downloads a policy that loads nothing", () => {
    expect(directives(API_CSP)["default-src"]).toEqual(["'none'"]);
  });
});
