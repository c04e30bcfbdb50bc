// The CLI's `gate` subcommand against the real route handler and database: fetch is routed to the
// handler in-process, so the CLI's parsing, printing and exit codes are exercised end to end.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { prisma } from "@/lib/db";
import { makeSmallWorld, makeToken } from "@/lib/readiness/testing/small-world";
import { GET } from "@/app/api/v1/projects/[slug]/readiness/route";
import { main } from "@/public/cli/proofline.mjs";

const DAY = 86_400_000;
const realFetch = globalThis.fetch;

beforeEach(() => {
  globalThis.fetch = (async (input: string | URL, init?: RequestInit) => {
    const url = new URL(String(input));
    const slug = decodeURIComponent(url.pathname.split("/")[4]);
    return GET(new NextRequest(url, init as ConstructorParameters<typeof NextRequest>[1]), {
      params: Promise.resolve({ slug }),
    });
  }) as typeof fetch;
});
afterEach(() => {
  globalThis.fetch = realFetch;
});

async function gate(args: string[], token: string) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(
    ["gate", ...args],
    { PROOFLINE_URL: "http://proofline.test", PROOFLINE_TOKEN: token },
    (l: string) => out.push(l),
    (l: string) => err.push(l),
  );
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("proofline gate", () => {
  it("passes at or over the threshold, fails under it (exit 4), and prints every unmet requirement with its reasons", async () => {
    const w = await makeSmallWorld(new Date());
    const token = await makeToken(w.project.id, ["readiness:read"]);
    const args = ["--project", w.project.slug, "--framework", w.framework.key];

    const pass = await gate([...args, "--min", "0.3"], token);
    expect(pass.code).toBe(0);
    expect(pass.out).toContain(
      `Framework ${w.framework.key} readiness of ${w.project.name}: 33.3% (1 of 3 requirements met)`,
    );
    expect(pass.out).toContain("Previous run: none recorded yet");
    expect(pass.out).toContain(`      ${w.controls.chg} failing: ${w.failedTitle} failed on main 2 days ago`);
    expect(pass.out).toMatch(/Gate passed\.$/);

    const fail = await gate([...args, "--min", "80%"], token);
    expect(fail.code).toBe(4);
    expect(fail.err).toBe("Gate failed: readiness 33.3% is under the minimum 80%.");
  });

  it("fails when readiness dropped below the previous run, whatever the threshold", async () => {
    const w = await makeSmallWorld(new Date());
    const day = new Date(new Date(Date.now() - DAY).toISOString().slice(0, 10));
    await prisma.scoreSnapshot.create({
      data: {
        projectId: w.project.id,
        frameworkId: w.framework.id,
        day,
        score: 2 / 3,
        met: 2,
        applicable: 3,
        detail: {},
      },
    });
    const token = await makeToken(w.project.id, ["readiness:read"]);
    const res = await gate(["--project", w.project.slug, "--framework", w.framework.key], token);
    expect(res.code).toBe(4);
    expect(res.err).toBe(`Gate failed: readiness dropped from 66.7% (${day.toISOString().slice(0, 10)}) to 33.3%.`);
  });

  it("reports the server's refusal (exit 1) and wrong usage (exit 2)", async () => {
    const w = await makeSmallWorld(new Date());
    const noScope = await makeToken(w.project.id, ["evidence:write"]);
    const refused = await gate(["--project", w.project.slug, "--framework", w.framework.key], noScope);
    expect(refused.code).toBe(1);
    expect(refused.err).toBe("Refused (403 Forbidden): This token is not allowed to readiness read.");
    const unknown = await gate(
      ["--project", w.project.slug, "--framework", "gdpr"],
      await makeToken(w.project.id, ["readiness:read"]),
    );
    expect([unknown.code, unknown.err.split("\n")[0]]).toEqual([
      1,
      `Refused (422 Invalid input): ${w.project.name} is not assessed against gdpr; it is assessed against ${w.framework.key}.`,
    ]);
    const usage = await gate(["--project", w.project.slug], noScope);
    expect([usage.code, usage.err.split("\n")[0]]).toEqual([
      2,
      "Name the framework with --framework <key>, e.g. soc2.",
    ]);
    const badMin = await gate(["--project", w.project.slug, "--framework", "x1", "--min", "1.5x"], noScope);
    expect(badMin.code).toBe(2);
  });
});
