import { createHmac, timingSafeEqual } from "node:crypto";
import { isObject, parseJson, pick, text, type JsonValue } from "@/lib/ingest/exact-json";
import { refuse } from "@/lib/core/http/refusal";
import { parseTime } from "@/lib/ingest/time";
import type { FormatId } from "@/lib/ingest/formats";
import type { ParsedEvidence, SourceFacts } from "@/lib/ingest/types";
import { interpretSecurityAlert, isSecurityAlertEvent, type SecurityAlertFacts } from "@/lib/ingest/github-alerts";

// GitHub webhook deliveries: the signature check (HMAC-SHA256 of the raw body with the project's
// secret, X-Hub-Signature-256), the two content types GitHub sends (JSON, or a form with a `payload`
// field), and what each event means for Proofline. Pure: the caller writes the rows.

export function verifyGithubSignature(secret: string, body: Uint8Array, header: string | null): boolean {
  if (!header || !/^sha256=[0-9a-f]{64}$/i.test(header)) return false;
  const expected = createHmac("sha256", secret).update(body).digest();
  const given = Buffer.from(header.slice(7), "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function decodeGithubPayload(body: Uint8Array, contentType: string | null): JsonValue {
  const raw = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString("utf8");
  if (/^application\/x-www-form-urlencoded/i.test(contentType ?? "")) {
    const payload = new URLSearchParams(raw).get("payload");
    if (payload === null)
      refuse("invalid-content", "A form-encoded delivery must carry the JSON in a `payload` field.");
    return parseJson(payload, "The payload field");
  }
  return parseJson(raw, "The delivery");
}

export interface PullRequestFacts {
  repo: string;
  number: number;
  title: string;
  body: string | null;
  url: string;
  state: "open" | "closed" | "merged";
  author: string | null;
  headSha: string | null;
  headBranch: string | null;
  baseBranch: string | null;
  openedAt: Date | null;
  mergedAt: Date | null;
  closedAt: Date | null;
  /** GitHub's pull_request.updated_at: orders deliveries about the same PR. */
  updatedAt: Date | null;
}

export type GithubAction =
  | { type: "ping" }
  | { type: "ignored"; reason: string }
  | { type: "pull-request"; pr: PullRequestFacts }
  | { type: "security-alert"; alert: SecurityAlertFacts }
  | { type: "evidence"; parsed: ParsedEvidence; dedupeKey: string };

const CONCLUSIONS: Record<string, ParsedEvidence["outcome"]> = {
  success: "PASS",
  failure: "FAIL",
  timed_out: "FAIL",
  startup_failure: "FAIL",
  action_required: "FAIL",
  cancelled: "WARN",
  stale: "WARN",
  neutral: "INFO",
  skipped: "INFO",
};

function ciEvidence(
  format: FormatId,
  name: string,
  conclusion: string | undefined,
  source: SourceFacts,
  at: Date | undefined,
  extra: Record<string, unknown>,
): ParsedEvidence {
  const outcome = CONCLUSIONS[conclusion ?? ""] ?? "WARN";
  return {
    kind: "CI_RUN",
    format,
    title: `${name} on ${source.branch ?? source.commit?.slice(0, 7) ?? "?"}: ${conclusion ?? "no conclusion"}`,
    outcome,
    outcomeReason: `GitHub reported the conclusion "${conclusion ?? "none"}" (success passes; failure, timed_out, startup_failure and action_required fail; cancelled and stale warn).`,
    subject: name,
    effectiveAt: at,
    source,
    summary: { conclusion: conclusion ?? null, ...extra },
  };
}

export function interpretGithubEvent(event: string | null, payload: JsonValue): GithubAction {
  if (!isObject(payload)) refuse("invalid-content", "The delivery is not a JSON object.");
  const repo = text(pick(payload, "repository.full_name"));
  const action = text(payload.action);
  switch (event) {
    case "ping":
      return { type: "ping" };
    case "pull_request": {
      const pr = payload.pull_request;
      if (!isObject(pr) || !repo || typeof pr.number !== "number")
        refuse("invalid-content", "A pull_request delivery needs pull_request.number and repository.full_name.");
      const merged = pr.merged === true || (pr.merged_at != null && pr.state === "closed");
      return {
        type: "pull-request",
        pr: {
          repo,
          number: pr.number,
          title: text(pr.title) ?? "",
          body: text(pr.body) ?? null,
          url: text(pr.html_url) ?? `https://github.com/${repo}/pull/${pr.number}`,
          state: merged ? "merged" : pr.state === "closed" ? "closed" : "open",
          author: text(pick(pr, "user.login")) ?? null,
          headSha: text(pick(pr, "head.sha")) ?? null,
          headBranch: text(pick(pr, "head.ref")) ?? null,
          baseBranch: text(pick(pr, "base.ref")) ?? null,
          openedAt: parseTime(pr.created_at) ?? null,
          mergedAt: merged ? (parseTime(pr.merged_at) ?? null) : null,
          closedAt: parseTime(pr.closed_at) ?? null,
          updatedAt: parseTime(pr.updated_at) ?? null,
        },
      };
    }
    case "workflow_run": {
      const run = payload.workflow_run;
      if (action !== "completed")
        return { type: "ignored", reason: `workflow_run "${action}" (only completed runs are evidence)` };
      if (!isObject(run)) refuse("invalid-content", "A workflow_run delivery needs workflow_run.");
      const name = text(run.name) ?? "workflow";
      const source = {
        repo,
        branch: text(run.head_branch),
        commit: text(run.head_sha),
        workflow: name,
        runUrl: text(run.html_url),
      };
      return {
        type: "evidence",
        dedupeKey: `github:workflow_run:${text(run.id)}:${text(run.run_attempt) ?? "1"}`,
        parsed: ciEvidence("github-workflow-run", name, text(run.conclusion), source, parseTime(run.updated_at), {
          event: text(run.event) ?? null,
          runAttempt: run.run_attempt ?? null,
          startedAt: text(run.run_started_at) ?? null,
        }),
      };
    }
    case "check_suite":
    case "check_run": {
      const check = event === "check_run" ? payload.check_run : payload.check_suite;
      if (action !== "completed")
        return { type: "ignored", reason: `${event} "${action}" (only completed checks are evidence)` };
      if (!isObject(check)) refuse("invalid-content", `A ${event} delivery needs ${event}.`);
      const name =
        event === "check_run" ? (text(check.name) ?? "check") : (text(pick(check, "app.name")) ?? "check suite");
      const branch = text(check.head_branch) ?? text(pick(check, "check_suite.head_branch"));
      const source = {
        repo,
        branch,
        commit: text(check.head_sha),
        workflow: name,
        runUrl:
          text(check.html_url) ??
          (repo && text(check.head_sha)
            ? `https://github.com/${repo}/commit/${text(check.head_sha)}/checks`
            : undefined),
      };
      const at = parseTime(check.completed_at) ?? parseTime(check.updated_at);
      return {
        type: "evidence",
        dedupeKey: `github:${event}:${text(check.id)}:${at?.toISOString() ?? ""}`,
        parsed: ciEvidence(
          event === "check_run" ? "github-check-run" : "github-check-suite",
          name,
          text(check.conclusion),
          source,
          at,
          {},
        ),
      };
    }
    case "deployment_status": {
      const status = payload.deployment_status;
      const deployment = payload.deployment;
      if (!isObject(status) || !isObject(deployment))
        refuse("invalid-content", "A deployment_status delivery needs deployment_status and deployment.");
      const state = text(status.state) ?? "";
      if (!["success", "failure", "error"].includes(state))
        return {
          type: "ignored",
          reason: `deployment_status "${state}" (only success, failure and error are evidence)`,
        };
      const environment = text(status.environment) ?? text(deployment.environment) ?? "unknown";
      return {
        type: "evidence",
        dedupeKey: `github:deployment_status:${text(status.id)}`,
        parsed: {
          kind: "DEPLOYMENT",
          format: "github-deployment-status",
          title: `Deployment to ${environment}: ${state}`,
          outcome: state === "success" ? "PASS" : "FAIL",
          outcomeReason: `GitHub reported the deployment state "${state}" (success passes; failure and error fail).`,
          subject: environment,
          effectiveAt: parseTime(status.created_at),
          source: {
            repo,
            branch: text(deployment.ref),
            commit: text(deployment.sha),
            runUrl: text(status.log_url) ?? text(status.target_url),
          },
          summary: {
            state,
            environment,
            deploymentId: text(deployment.id) ?? null,
            task: text(deployment.task) ?? null,
            description: text(status.description) ?? null,
          },
        },
      };
    }
    default:
      if (isSecurityAlertEvent(event))
        return { type: "security-alert", alert: interpretSecurityAlert(event!, payload) };
      return { type: "ignored", reason: `the "${event ?? "(no X-GitHub-Event)"}" event is not used by Proofline` };
  }
}

/** The backlog keys ("REL-001") that appear in a pull request's title, body or branch. */
export function mentionedKeys(keys: string[], pr: Pick<PullRequestFacts, "title" | "body" | "headBranch">): string[] {
  const haystack = [pr.title, pr.body ?? "", pr.headBranch ?? ""].join("\n");
  return keys.filter((key) =>
    new RegExp(`(?<![A-Za-z0-9])${key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![A-Za-z0-9])`, "i").test(haystack),
  );
}
