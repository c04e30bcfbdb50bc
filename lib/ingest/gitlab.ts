import { isObject, pick, text, type JsonValue } from "@/lib/ingest/exact-json";
import { refuse } from "@/lib/core/http/refusal";
import { parseTime } from "@/lib/ingest/time";
import type { PullRequestFacts } from "@/lib/ingest/github";
import type { ParsedEvidence } from "@/lib/ingest/types";

// GitLab webhooks (X-Gitlab-Event): what Pipeline, Merge Request and Deployment hooks mean for
// Proofline. Pure: the caller checks the token and writes the rows. GitLab writes times as
// "2026-03-01 10:00:00 UTC" (or with an offset, or ISO 8601); all three are read.

export type GitlabAction =
  | { type: "ignored"; reason: string }
  | { type: "merge-request"; mr: PullRequestFacts }
  | { type: "evidence"; parsed: ParsedEvidence; dedupeKey: string };

const PIPELINE_OUTCOMES: Record<string, ParsedEvidence["outcome"]> = {
  success: "PASS",
  failed: "FAIL",
  canceled: "WARN",
  skipped: "INFO",
};
const DEPLOYMENT_OUTCOMES: Record<string, ParsedEvidence["outcome"]> = {
  success: "PASS",
  failed: "FAIL",
  canceled: "WARN",
};

function projectPath(payload: Record<string, JsonValue>): string {
  const path = text(pick(payload, "project.path_with_namespace"));
  if (!path) refuse("invalid-content", "A GitLab delivery needs project.path_with_namespace.");
  return path;
}

export function interpretGitlabEvent(event: string | null, payload: JsonValue): GitlabAction {
  if (!isObject(payload)) refuse("invalid-content", "The delivery is not a JSON object.");
  switch (event) {
    case "Pipeline Hook": {
      const p = payload.object_attributes;
      if (!isObject(p) || p.id === undefined) refuse("invalid-content", "A Pipeline Hook needs object_attributes.id.");
      const repo = projectPath(payload);
      const status = text(p.status) ?? "";
      const outcome = PIPELINE_OUTCOMES[status];
      if (!outcome)
        return {
          type: "ignored",
          reason: `pipeline status "${status}" (only success, failed, canceled and skipped pipelines are evidence)`,
        };
      const projectUrl = text(pick(payload, "project.web_url"));
      const name = text(p.name) ?? `pipeline ${text(p.source) ?? ""}`.trim();
      const branch = text(p.ref);
      return {
        type: "evidence",
        dedupeKey: `gitlab:pipeline:${text(pick(payload, "project.id")) ?? repo}:${text(p.id)}:${status}`,
        parsed: {
          kind: "CI_RUN",
          format: "gitlab-pipeline",
          title: `${name} on ${branch ?? text(p.sha)?.slice(0, 7) ?? "?"}: ${status}`,
          outcome,
          outcomeReason: `GitLab reported the pipeline status "${status}" (success passes; failed fails; canceled warns; skipped is informational).`,
          subject: name,
          effectiveAt: parseTime(p.finished_at) ?? parseTime(p.created_at),
          source: {
            repo,
            branch,
            commit: text(p.sha),
            workflow: name,
            runUrl: text(p.url) ?? (projectUrl ? `${projectUrl}/-/pipelines/${text(p.id)}` : undefined),
          },
          summary: {
            provider: "gitlab",
            pipelineId: text(p.id) ?? null,
            iid: text(p.iid) ?? null,
            status,
            source: text(p.source) ?? null,
            durationSeconds: typeof p.duration === "number" ? p.duration : null,
            tag: p.tag === true,
            user: text(pick(payload, "user.username")) ?? null,
          },
        },
      };
    }
    case "Merge Request Hook": {
      const mr = payload.object_attributes;
      if (!isObject(mr) || typeof mr.iid !== "number")
        refuse("invalid-content", "A Merge Request Hook needs object_attributes.iid.");
      const repo = projectPath(payload);
      const state = text(mr.state);
      const merged = state === "merged";
      const updatedAt = parseTime(mr.updated_at) ?? null;
      return {
        type: "merge-request",
        mr: {
          repo,
          number: mr.iid,
          title: text(mr.title) ?? "",
          body: text(mr.description) ?? null,
          url: text(mr.url) ?? `${text(pick(payload, "project.web_url")) ?? ""}/-/merge_requests/${mr.iid}`,
          state: merged ? "merged" : state === "closed" || state === "locked" ? "closed" : "open",
          author: text(pick(payload, "user.username")) ?? null,
          headSha: text(pick(mr, "last_commit.id")) ?? null,
          headBranch: text(mr.source_branch) ?? null,
          baseBranch: text(mr.target_branch) ?? null,
          openedAt: parseTime(mr.created_at) ?? null,
          mergedAt: merged ? (parseTime(mr.merged_at) ?? updatedAt) : null,
          closedAt:
            merged || state === "closed" ? (parseTime(mr.closed_at) ?? parseTime(mr.merged_at) ?? updatedAt) : null,
          updatedAt,
        },
      };
    }
    case "Deployment Hook": {
      const status = text(payload.status) ?? "";
      const repo = projectPath(payload);
      const outcome = DEPLOYMENT_OUTCOMES[status];
      if (payload.deployment_id === undefined) refuse("invalid-content", "A Deployment Hook needs deployment_id.");
      if (!outcome)
        return {
          type: "ignored",
          reason: `deployment status "${status}" (only success, failed and canceled are evidence)`,
        };
      const environment = text(payload.environment) ?? "unknown";
      return {
        type: "evidence",
        dedupeKey: `gitlab:deployment:${text(pick(payload, "project.id")) ?? repo}:${text(payload.deployment_id)}:${status}`,
        parsed: {
          kind: "DEPLOYMENT",
          format: "gitlab-deployment",
          title: `Deployment to ${environment}: ${status}`,
          outcome,
          outcomeReason: `GitLab reported the deployment status "${status}" (success passes; failed fails; canceled warns).`,
          subject: environment,
          effectiveAt: parseTime(payload.status_changed_at),
          source: {
            repo,
            branch: text(payload.ref),
            commit: text(payload.short_sha),
            runUrl: text(payload.deployable_url),
          },
          summary: {
            provider: "gitlab",
            status,
            environment,
            tier: text(payload.environment_tier) ?? null,
            deploymentId: text(payload.deployment_id) ?? null,
            commitUrl: text(payload.commit_url) ?? null,
            user: text(pick(payload, "user.username")) ?? null,
          },
        },
      };
    }
    default:
      return {
        type: "ignored",
        reason: `the "${event ?? "(no X-Gitlab-Event)"}" event is not used by Proofline (Pipeline, Merge Request and Deployment Hooks are)`,
      };
  }
}
