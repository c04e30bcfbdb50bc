import { isObject, pick, text, type JsonValue } from "@/lib/ingest/exact-json";
import { refuse } from "@/lib/core/http/refusal";
import { parseTime } from "@/lib/ingest/time";

// GitHub's security alert webhooks (dependabot_alert, code_scanning_alert, secret_scanning_alert),
// read into one shape: an alert's identity (source, repository, number), its severity, and whether it
// is open or closed, since when and why. Pure: the caller keeps one row per alert.
//
// The state comes from the alert object itself (its `state` and the matching timestamp), not from the
// action, so that created, reopened, fixed, dismissed, auto_dismissed, resolved and any later action
// all land the same way. Severity: Dependabot's advisory severity; code scanning's
// security_severity_level, else its rule severity (error high, warning medium, note low); secret
// scanning rates nothing, and an exposed secret counts as high.

export const ALERT_SOURCES = ["dependabot", "code_scanning", "secret_scanning"] as const;
export type AlertSource = (typeof ALERT_SOURCES)[number];
export const ALERT_SEVERITIES = ["critical", "high", "medium", "low"] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

export interface SecurityAlertFacts {
  source: AlertSource;
  repo: string;
  number: number;
  kind: "DEPENDENCY_AUDIT" | "SAST_SCAN";
  severity: AlertSeverity;
  title: string;
  url: string | null;
  state: string;
  openedAt: Date;
  closedAt: Date | null;
  closeReason: string | null;
  /** GitHub's alert.updated_at: orders deliveries about the same alert. */
  updatedAt: Date | null;
  action: string | null;
}

const EVENT_SOURCE: Record<string, AlertSource> = {
  dependabot_alert: "dependabot",
  code_scanning_alert: "code_scanning",
  secret_scanning_alert: "secret_scanning",
};

export function isSecurityAlertEvent(event: string | null): boolean {
  return event !== null && Object.hasOwn(EVENT_SOURCE, event);
}

function asSeverity(v: unknown): AlertSeverity | undefined {
  const s = typeof v === "string" ? v.toLowerCase() : "";
  if (s === "moderate") return "medium";
  return (ALERT_SEVERITIES as readonly string[]).includes(s) ? (s as AlertSeverity) : undefined;
}

const RULE_SEVERITY: Record<string, AlertSeverity> = { error: "high", warning: "medium", note: "low", none: "low" };

function severityFor(source: AlertSource, alert: Record<string, JsonValue>): AlertSeverity {
  if (source === "dependabot")
    return (
      asSeverity(pick(alert, "security_advisory.severity")) ??
      asSeverity(pick(alert, "security_vulnerability.severity")) ??
      "high"
    );
  if (source === "code_scanning")
    return (
      asSeverity(pick(alert, "rule.security_severity_level")) ??
      RULE_SEVERITY[text(pick(alert, "rule.severity")) ?? ""] ??
      "high"
    );
  return "high";
}

function titleFor(source: AlertSource, alert: Record<string, JsonValue>): string {
  if (source === "dependabot") {
    const pkg =
      text(pick(alert, "dependency.package.name")) ?? text(pick(alert, "security_vulnerability.package.name"));
    const summary =
      text(pick(alert, "security_advisory.summary")) ?? text(pick(alert, "security_advisory.ghsa_id")) ?? "advisory";
    return pkg ? `${pkg}: ${summary}` : summary;
  }
  if (source === "code_scanning")
    return (
      text(pick(alert, "rule.description")) ??
      text(pick(alert, "rule.name")) ??
      text(pick(alert, "rule.id")) ??
      "code scanning alert"
    );
  return `Exposed secret: ${text(alert.secret_type_display_name) ?? text(alert.secret_type) ?? "unknown type"}`;
}

function closing(
  alert: Record<string, JsonValue>,
  state: string,
): { closedAt: Date | null; closeReason: string | null } {
  if (state === "open") return { closedAt: null, closeReason: null };
  const at =
    parseTime(alert.fixed_at) ??
    parseTime(alert.auto_dismissed_at) ??
    parseTime(alert.dismissed_at) ??
    parseTime(alert.resolved_at) ??
    parseTime(alert.updated_at) ??
    null;
  const comment = text(alert.dismissed_comment) ?? text(alert.resolution_comment);
  const why =
    state === "fixed"
      ? "fixed"
      : state === "auto_dismissed"
        ? "auto-dismissed"
        : state === "resolved"
          ? `resolved: ${text(alert.resolution) ?? "no resolution given"}`
          : state === "dismissed"
            ? `dismissed: ${text(alert.dismissed_reason) ?? "no reason given"}`
            : state;
  return { closedAt: at, closeReason: (comment ? `${why} (${comment})` : why).slice(0, 1000) };
}

export function interpretSecurityAlert(event: string, payload: JsonValue): SecurityAlertFacts {
  const source = EVENT_SOURCE[event];
  if (!isObject(payload)) refuse("invalid-content", "The delivery is not a JSON object.");
  const alert = payload.alert;
  const repo = text(pick(payload, "repository.full_name"));
  if (!isObject(alert) || typeof alert.number !== "number" || !repo)
    refuse("invalid-content", `A ${event} delivery needs alert.number and repository.full_name.`);
  const openedAt = parseTime(alert.created_at);
  if (!openedAt) refuse("invalid-content", `A ${event} delivery needs alert.created_at.`);
  const state = (text(alert.state) ?? "open").toLowerCase();
  return {
    source,
    repo,
    number: alert.number,
    kind: source === "dependabot" ? "DEPENDENCY_AUDIT" : "SAST_SCAN",
    severity: severityFor(source, alert),
    title: titleFor(source, alert).slice(0, 300),
    url: text(alert.html_url) ?? null,
    state,
    openedAt,
    ...closing(alert, state),
    updatedAt: parseTime(alert.updated_at) ?? null,
    action: text(payload.action) ?? null,
  };
}
