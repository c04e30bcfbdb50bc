import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { interpretSecurityAlert } from "@/lib/ingest/github-alerts";
import { interpretGitlabEvent } from "@/lib/ingest/gitlab";
import { IngestRefusal } from "@/lib/core/http/refusal";
import { fixtureFile } from "@/lib/ingest/testing/corpus";
import type { JsonValue } from "@/lib/ingest/exact-json";

const repository = { full_name: "example/ledger" };

describe("GitHub security alerts: severity, state and close reason from the alert itself", () => {
  it.each([
    ["dependabot_alert", { security_advisory: { severity: "moderate" } }, "medium"],
    ["dependabot_alert", { security_vulnerability: { severity: "critical" } }, "critical"],
    ["code_scanning_alert", { rule: { security_severity_level: "low", severity: "error" } }, "low"],
    ["code_scanning_alert", { rule: { severity: "error" } }, "high"],
    ["code_scanning_alert", { rule: { severity: "warning" } }, "medium"],
    ["code_scanning_alert", { rule: { severity: "note" } }, "low"],
    ["secret_scanning_alert", { secret_type_display_name: "GitHub PAT" }, "high"],
  ])("%s %j is %s", (event, over, severity) => {
    const a = interpretSecurityAlert(event, {
      action: "created",
      repository,
      alert: { number: 1, state: "open", created_at: "2026-11-01T00:00:00Z", ...over },
    });
    expect(a.severity).toBe(severity);
    expect(a.kind).toBe(event === "dependabot_alert" ? "DEPENDENCY_AUDIT" : "SAST_SCAN");
    expect([a.closedAt, a.closeReason]).toEqual([null, null]);
  });

  it("closed states take their own time and reason", () => {
    const fixed = interpretSecurityAlert("code_scanning_alert", {
      action: "fixed",
      repository,
      alert: {
        number: 2,
        state: "fixed",
        created_at: "2026-11-01T00:00:00Z",
        fixed_at: "2026-11-03T00:00:00Z",
        updated_at: "2026-11-04T00:00:00Z",
      },
    });
    expect([fixed.state, fixed.closedAt?.toISOString(), fixed.closeReason]).toEqual([
      "fixed",
      "2026-11-03T00:00:00.000Z",
      "fixed",
    ]);
    const resolved = interpretSecurityAlert("secret_scanning_alert", {
      action: "resolved",
      repository,
      alert: {
        number: 3,
        state: "resolved",
        resolution: "used_in_tests",
        resolution_comment: "fixture key",
        created_at: "2026-11-01T00:00:00Z",
        resolved_at: "2026-11-02T00:00:00Z",
      },
    });
    expect([resolved.closedAt?.toISOString(), resolved.closeReason]).toEqual([
      "2026-11-02T00:00:00.000Z",
      "resolved: used_in_tests (fixture key)",
    ]);
  });

  it("an alert without a number, repository or creation time is refused", () => {
    const payloads: JsonValue[] = [
      { repository, alert: { created_at: "2026-11-01T00:00:00Z" } },
      { alert: { number: 1, created_at: "2026-11-01T00:00:00Z" } },
      { repository, alert: { number: 1 } },
    ];
    for (const payload of payloads) {
      expect(() => interpretSecurityAlert("dependabot_alert", payload)).toThrow(IngestRefusal);
    }
  });
});

describe("GitLab hooks", () => {
  const hook = (name: string) => JSON.parse(readFileSync(fixtureFile(`gitlab/${name}`), "utf8"));

  it("a failed pipeline fails; GitLab's 'UTC' times are read; a running one is ignored", () => {
    const a = interpretGitlabEvent("Pipeline Hook", hook("pipeline-hook.json"));
    expect(
      a.type === "evidence" && [
        a.parsed.kind,
        a.parsed.outcome,
        a.parsed.effectiveAt?.toISOString(),
        a.parsed.source?.branch,
        a.dedupeKey,
      ],
    ).toEqual(["CI_RUN", "FAIL", "2026-11-30T09:19:47.000Z", "main", "gitlab:pipeline:4711:918273:failed"]);
    expect(interpretGitlabEvent("Pipeline Hook", hook("pipeline-hook-running.json")).type).toBe("ignored");
  });

  it("a merged merge request: numbered by iid, merged and closed at its update time when GitLab gives no merged_at", () => {
    const a = interpretGitlabEvent("Merge Request Hook", hook("merge-request-merged.json"));
    expect(
      a.type === "merge-request" && [
        a.mr.number,
        a.mr.state,
        a.mr.mergedAt?.toISOString(),
        a.mr.headBranch,
        a.mr.author,
      ],
    ).toEqual([57, "merged", "2026-11-30T08:55:02.000Z", "led-214-negative-amounts", "praman"]);
  });

  it("a deployment's offset time is read; unknown events are ignored", () => {
    const a = interpretGitlabEvent("Deployment Hook", hook("deployment-hook.json"));
    expect(a.type === "evidence" && [a.parsed.kind, a.parsed.outcome, a.parsed.effectiveAt?.toISOString()]).toEqual([
      "DEPLOYMENT",
      "PASS",
      "2026-11-30T09:31:09.000Z",
    ]);
    expect(interpretGitlabEvent("Tag Push Hook", { object_kind: "tag_push" }).type).toBe("ignored");
  });
});
