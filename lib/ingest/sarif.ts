import { isObject, pick, text, type JsonValue } from "@/lib/ingest/exact-json";
import { CAPS, clip } from "@/lib/ingest/limits";
import { refuse } from "@/lib/core/http/refusal";
import { latest, parseTime } from "@/lib/ingest/time";
import type { ParsedEvidence, SourceFacts } from "@/lib/ingest/types";

// SARIF 2.1.0 (Semgrep, Bandit, CodeQL, …). A result's level is its own `level`, else its rule's
// defaultConfiguration.level, else "warning" (the SARIF default). Results whose kind is not "fail" and
// suppressed results do not count towards the levels.

type Level = "error" | "warning" | "note" | "none";
const LEVELS: Level[] = ["error", "warning", "note", "none"];

function asLevel(v: unknown): Level | undefined {
  return typeof v === "string" && (LEVELS as string[]).includes(v) ? (v as Level) : undefined;
}

function arr(v: unknown): JsonValue[] {
  return Array.isArray(v) ? v : [];
}

export function looksLikeSarif(doc: JsonValue): boolean {
  if (!isObject(doc)) return false;
  const schema = text(doc.$schema) ?? "";
  return /sarif/i.test(schema) || (typeof doc.version === "string" && Array.isArray(doc.runs));
}

export function parseSarif(doc: JsonValue): ParsedEvidence {
  if (!isObject(doc) || !Array.isArray(doc.runs))
    refuse("invalid-content", "A SARIF log needs a top-level `runs` array.");
  if (doc.version !== "2.1.0") {
    refuse(
      "unsupported-format",
      `This is SARIF version ${JSON.stringify(doc.version ?? null)}; only SARIF 2.1.0 is read. Ask the tool for SARIF 2.1.0 output.`,
    );
  }
  const counts: Record<Level, number> = { error: 0, warning: 0, note: 0, none: 0 };
  let suppressed = 0;
  let notFail = 0;
  const byRule = new Map<string, { level: Level; count: number }>();
  const findings: Array<{ ruleId?: string; level: Level; message?: string; location?: string }> = [];
  const tools: Array<{ name: string; version?: string }> = [];
  let incomplete = 0;
  let endTime: Date | undefined;
  const source: SourceFacts = {};

  for (const run of doc.runs) {
    if (!isObject(run)) continue;
    const driver = pick(run, "tool.driver");
    const toolName = text(pick(driver, "name")) ?? "unknown tool";
    tools.push({ name: toolName, version: text(pick(driver, "semanticVersion")) ?? text(pick(driver, "version")) });
    const rules = [
      ...arr(pick(driver, "rules")),
      ...arr(pick(run, "tool.extensions")).flatMap((e) => arr(pick(e, "rules"))),
    ];
    const ruleById = new Map<string, JsonValue>();
    for (const r of rules) {
      const id = text(pick(r, "id"));
      if (id) ruleById.set(id, r);
    }
    for (const inv of arr(run.invocations)) {
      if (pick(inv, "executionSuccessful") === false) incomplete++;
      endTime = latest(endTime, parseTime(pick(inv, "endTimeUtc")));
    }
    const vcs = arr(run.versionControlProvenance)[0];
    if (vcs) {
      source.repo ??= text(pick(vcs, "repositoryUri"));
      source.commit ??= text(pick(vcs, "revisionId"));
      source.branch ??= text(pick(vcs, "branch"));
    }
    for (const result of arr(run.results)) {
      if (!isObject(result)) continue;
      const ruleIndex = typeof pick(result, "rule.index") === "number" ? pick(result, "rule.index") : result.ruleIndex;
      const ruleId =
        text(result.ruleId) ??
        text(pick(result, "rule.id")) ??
        (typeof ruleIndex === "number" ? text(pick(rules[ruleIndex], "id")) : undefined);
      const rule =
        (ruleId ? ruleById.get(ruleId) : undefined) ?? (typeof ruleIndex === "number" ? rules[ruleIndex] : undefined);
      const kind = text(result.kind) ?? "fail";
      if (kind !== "fail") {
        notFail++;
        continue;
      }
      const isSuppressed = arr(result.suppressions).some((s) => {
        const status = text(pick(s, "status"));
        return status === undefined || status === "accepted";
      });
      if (isSuppressed) {
        suppressed++;
        continue;
      }
      const level = asLevel(result.level) ?? asLevel(pick(rule, "defaultConfiguration.level")) ?? "warning";
      counts[level]++;
      const key = ruleId ?? "(no rule id)";
      const entry = byRule.get(key) ?? { level, count: 0 };
      entry.count++;
      byRule.set(key, entry);
      if (findings.length < CAPS.listItems) {
        const loc = arr(result.locations)[0];
        const uri = text(pick(loc, "physicalLocation.artifactLocation.uri"));
        const line = text(pick(loc, "physicalLocation.region.startLine"));
        findings.push({
          ruleId,
          level,
          message: clip(text(pick(result, "message.text")) ?? text(pick(result, "message.markdown")), CAPS.message),
          location: uri ? `${uri}${line ? `:${line}` : ""}` : undefined,
        });
      }
    }
  }

  const total = counts.error + counts.warning + counts.note + counts.none;
  const outcome = counts.error > 0 ? "FAIL" : counts.warning > 0 || incomplete > 0 ? "WARN" : "PASS";
  const outcomeReason =
    counts.error > 0
      ? `${counts.error} error-level result(s): any error-level result fails the scan.`
      : counts.warning > 0
        ? `${counts.warning} warning-level result(s) and no errors.`
        : incomplete > 0
          ? `${incomplete} run(s) did not complete successfully.`
          : "No error- or warning-level results.";
  const toolLabel = [...new Set(tools.map((t) => t.name))].join(", ");
  return {
    kind: "SAST_SCAN",
    format: "sarif",
    title: `${toolLabel}: ${total} finding(s), ${counts.error} error, ${counts.warning} warning`,
    outcome,
    outcomeReason,
    subject: toolLabel,
    effectiveAt: endTime,
    source,
    summary: {
      tools,
      runs: doc.runs.length,
      results: total,
      levels: counts,
      suppressed,
      notFailing: notFail,
      incompleteRuns: incomplete,
      topRules: [...byRule.entries()]
        .sort((a, b) => b[1].count - a[1].count)
        .slice(0, 20)
        .map(([ruleId, v]) => ({ ruleId, level: v.level, count: v.count })),
      findings,
      findingsOmitted: Math.max(0, total - findings.length),
    },
  };
}
