// The auditor walk: every API route of the app (found on disk, so a new route is walked without
// anyone remembering to add it), called as an auditor with real ids, while evidence and exercises lie
// just outside the auditor's window (a second before it opens, a second after it closes) and inside
// the window of a project they are not granted. No response may name them: not by id, title, file
// name or digest, and not by count (every GET answers the same with the leak set present or removed).
import { readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stopBoss } from "@/lib/jobs/boss";
import { call } from "@/tests/api";
import { expandTemplate, type WalkWorld as World } from "@/tests/auditor-walk";
import { JUST_AFTER, JUST_BEFORE, auditorWalkWorld, type Leak } from "@/lib/audits/testing/auditor-walk-world";

const APP = path.resolve(import.meta.dirname, "../../app");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/** app/**\/route.ts as URL templates: "/api/v1/projects/[slug]/evidence/[id]". */
function routeFiles(): Array<{ file: string; template: string }> {
  return (readdirSync(APP, { recursive: true }) as string[])
    .filter((f) => f.endsWith(`${path.sep}route.ts`) || f === "route.ts")
    .map((f) => ({
      file: path.join(APP, f),
      template: `/${f
        .split(path.sep)
        .slice(0, -1)
        .filter((s) => !/^\(.*\)$/.test(s))
        .join("/")}`,
    }))
    .sort((a, b) => a.template.localeCompare(b.template));
}

/** Query strings to try on a route: moments outside the window for anything computed "as of". */
function queries(template: string, w: World): string[] {
  const iso = (d: Date) => encodeURIComponent(d.toISOString());
  if (/\/readiness(\/export)?$/.test(template))
    return [
      "",
      "?framework=soc2",
      `?at=${iso(JUST_BEFORE)}`,
      `?at=${iso(JUST_AFTER)}`,
      "?at=2026-02-15",
      "?at=2026-07-01&framework=soc2",
    ];
  if (template.endsWith("/dashboard/upcoming"))
    return [
      "?type=evidence&days=90",
      "?type=exercise&days=90",
      `?type=exercise&days=90&project=${w.granted.slug}`,
      `?type=evidence&days=90&project=${w.other.slug}`,
    ];
  if (template.startsWith("/api/v1/dashboard/")) return ["", `?project=${w.granted.slug}`, `?project=${w.other.slug}`];
  if (template.endsWith("/readiness/controls")) return ["", "?state=failing"];
  return [""];
}

interface Answer {
  key: string;
  status: number;
  text: string;
}

type Handler = Parameters<typeof call>[0];

async function walk(
  w: World,
  leak: Leak,
  methods: readonly string[],
  bodyFor: (key: string) => unknown = () => ({}),
): Promise<Answer[]> {
  const answers: Answer[] = [];
  for (const { file, template } of routeFiles()) {
    if (template.includes("[...nextauth]")) continue; // next-auth's own handler: sign-in, not project data
    const mod = (await import(file)) as Record<string, Handler | undefined>;
    for (const method of methods) {
      const handler = mod[method];
      if (!handler) continue;
      for (const { path: p, params } of expandTemplate(template, w, leak)) {
        for (const q of method === "GET" ? queries(template, w) : [""]) {
          const key = `${method} ${p}${q}`;
          const res = await call(handler, {
            method,
            path: `${p}${q}`,
            params,
            asUser: w.auditor.id,
            body: method === "GET" || method === "DELETE" ? undefined : bodyFor(key),
          });
          answers.push({
            key,
            status: res.status,
            text: typeof res.body === "string" ? res.body : JSON.stringify(res.body),
          });
        }
      }
    }
  }
  return answers;
}

/** Needles an answer names, other than ids the request itself carried (a 404 may echo what was asked). */
function leaksIn(answers: Answer[], needles: string[]): string[] {
  return answers.flatMap((a) =>
    needles.filter((n) => a.text.includes(n) && !a.key.includes(n)).map((n) => `${a.key} (${a.status}) names ${n}`),
  );
}

/** What may differ between two identical requests: request ids, the present moment, the health check's timings. */
function normalise(text: string, since: string): string {
  return text
    .replace(/"(uptimeSeconds|latencyMs)":\d+/g, '"$1":0')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, "<uuid>")
    .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g, (iso) => (iso >= since ? "<now>" : iso));
}

afterAll(() => stopBoss());

describe("an auditor's every read stays inside the granted projects and window", () => {
  let w: World;
  beforeAll(async () => {
    w = await auditorWalkWorld();
  });

  it("finds the app's routes on disk", () => {
    const templates = routeFiles().map((r) => r.template);
    expect(templates.length).toBeGreaterThan(50);
    expect(templates).toContain("/api/v1/projects/[slug]/readiness");
    expect(templates).toContain("/api/v1/controls/[key]");
  });

  it("never names evidence or exercises outside the window or the grant in any GET, and counts nothing of them", async () => {
    const since = new Date(Date.now() - 1000).toISOString();
    const leak = await w.makeLeak();
    const withLeak = await walk(w, leak, ["GET"]);
    expect(withLeak.length).toBeGreaterThan(100);
    expect(withLeak.filter((a) => a.status >= 500).map((a) => `${a.key}: ${a.text.slice(0, 200)}`)).toEqual([]);
    expect(leaksIn(withLeak, leak.needles)).toEqual([]);
    // The walk reached real data: the in-window evidence and the granted project's readiness.
    expect(withLeak.some((a) => a.status === 200 && a.text.includes(w.inside.id))).toBe(true);
    const status = (key: string) => withLeak.find((a) => a.key === `GET ${key}`)?.status;
    const reached = {
      readiness: status(`/api/v1/projects/${w.granted.slug}/readiness?framework=soc2`),
      csv: status(`/api/v1/projects/${w.granted.slug}/readiness/export`),
      control: status(`/api/v1/controls/${w.control.key}`),
      holdbacks: status(`/api/v1/dashboard/holdbacks`),
      upcoming: status(`/api/v1/dashboard/upcoming?type=exercise&days=90`),
      blockers: status(`/api/v1/dashboard/blockers`),
      runbook: status(`/api/v1/projects/${w.granted.slug}/runbooks/${w.runbook.id}`),
      attachment: status(
        `/api/v1/projects/${w.granted.slug}/runbooks/${w.runbook.id}/exercises/${w.insideDrill.exercise.id}/attachments/${w.insideDrill.attachment.id}`,
      ),
      evidence: status(`/api/v1/projects/${w.granted.slug}/evidence/${w.inside.id}`),
    };
    expect(reached).toEqual({
      readiness: 200,
      csv: 200,
      control: 200,
      holdbacks: 200,
      upcoming: 200,
      blockers: 200,
      runbook: 200,
      attachment: 200,
      evidence: 200,
    });
    // Out of the window or the grant: not found, the same answer as for an id that does not exist.
    for (const id of leak.evidenceIds) expect(status(`/api/v1/projects/${w.granted.slug}/evidence/${id}`)).toBe(404);

    // Counts: with the leak set removed, every answer is the same.
    await leak.remove();
    const without = await walk(w, leak, ["GET"]);
    const diff = withLeak
      .map((a, i) => ({ key: a.key, a: normalise(a.text, since), b: normalise(without[i]?.text ?? "", since) }))
      .filter((d) => d.a !== d.b)
      .map((d) => `${d.key}\n  with:    ${d.a.slice(0, 300)}\n  without: ${d.b.slice(0, 300)}`);
    expect(diff).toEqual([]);
  });

  it("never names them in any answer to a write either", async () => {
    const leak = await w.makeLeak();
    const answers = await walk(
      w,
      leak,
      METHODS.filter((m) => m !== "GET"),
      (key) => (key.endsWith(`/audits/${w.audit.id}/populations`) ? { filter: { kind: "restore-drills" } } : {}),
    );
    expect(answers.filter((a) => a.status >= 500).map((a) => `${a.key}: ${a.text.slice(0, 200)}`)).toEqual([]);
    expect(leaksIn(answers, leak.needles)).toEqual([]);
    // The population the auditor defined holds the in-window drill only, and its export says so.
    const again = await walk(w, leak, ["GET"]);
    expect(leaksIn(again, leak.needles)).toEqual([]);
  });
});
