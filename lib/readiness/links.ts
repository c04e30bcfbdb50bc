// Where each number and reason leads: the lists and pages behind them (owned by other areas; the
// query parameters are the ones their pages accept). Pure, shared by server and client.
import type { Reason } from "@/lib/readiness/types";

function withQuery(path: string, query: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v) params.set(k, v);
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

export const links = {
  project: (slug: string) => `/projects/${slug}`,
  scorecard: (slug: string, framework: string, at?: string) =>
    withQuery(`/projects/${slug}/readiness/${framework}`, { at }),
  requirement: (slug: string, framework: string, refId: string, at?: string) =>
    `${links.scorecard(slug, framework, at)}#req-${encodeURIComponent(refId)}`,
  control: (key: string) => `/controls/${encodeURIComponent(key)}`,
  /** The project's controls by readiness state, or sharing one cause (a holdback), with their reasons. */
  readinessControls: (slug: string, filters: { state?: string; cause?: string; framework?: string } = {}) =>
    withQuery(`/projects/${slug}/readiness/controls`, filters),
  evidence: (slug: string, filters: { kind?: string; outcome?: string; control?: string } = {}) =>
    withQuery(`/projects/${slug}/evidence`, filters),
  evidenceItem: (slug: string, id: string) => `/projects/${slug}/evidence/${encodeURIComponent(id)}`,
  // status NOT_DONE = open or in progress.
  backlog: (slug: string, filters: { priority?: string; block?: string; status?: string; owner?: string } = {}) =>
    withQuery(`/projects/${slug}/backlog`, filters),
  backlogItem: (slug: string, id: string) => `/projects/${slug}/backlog/${encodeURIComponent(id)}`,
  runbooks: (slug: string) => `/projects/${slug}/runbooks`,
  runbook: (slug: string, runbookId: string) => `/projects/${slug}/runbooks/${encodeURIComponent(runbookId)}`,
  audits: () => "/audits",
  audit: (id: string) => `/audits/${encodeURIComponent(id)}`,
  how: () => "/readiness/how",
  securityAlerts: (slug: string) => `/projects/${slug}/security-alerts`,
};

/** The page that shows what a reason is about (the failed run, the open item, the overdue runbook). */
export function reasonHref(slug: string, reason: Reason, controlKey: string): string {
  switch (reason.type) {
    case "evidence-failed":
    case "evidence-expired":
      return links.evidenceItem(slug, reason.evidenceId);
    case "evidence-missing":
      return links.evidence(slug, { kind: reason.kind, control: controlKey });
    case "blocker-open":
      return links.backlogItem(slug, reason.itemId);
    case "exercise-failed":
    case "exercise-missed-target":
    case "exercise-overdue":
      return links.runbook(slug, reason.runbookId);
    case "alert-overdue":
      return links.securityAlerts(slug);
    case "no-proof":
      return links.control(controlKey);
  }
}
