import { isObject, pick, text, type JsonValue } from "@/lib/ingest/exact-json";
import { refuse } from "@/lib/core/http/refusal";
import { parseTime } from "@/lib/ingest/time";
import type { ParsedEvidence } from "@/lib/ingest/types";
import { FindingTally, findingsEvidence } from "@/lib/ingest/scan-findings";
import { severityOf } from "@/lib/ingest/vulnerabilities";

// Bandit's own JSON (`bandit -r . -f json`): {generated_at, errors: [{filename, reason}], metrics:
// {_totals: {loc, nosec, "SEVERITY.HIGH", …}, <file>: {…}}, results: [{test_id, test_name, filename,
// line_number, issue_severity, issue_confidence, issue_text, issue_cwe, more_info}]}. Severities are
// LOW, MEDIUM, HIGH (UNDEFINED is unrated). Files Bandit could not scan make a clean scan a warning.

export function looksLikeBandit(doc: JsonValue): boolean {
  return isObject(doc) && Array.isArray(doc.results) && isObject(doc.metrics) && "generated_at" in doc;
}

export function parseBandit(doc: JsonValue): ParsedEvidence {
  if (!isObject(doc) || !Array.isArray(doc.results) || !isObject(doc.metrics))
    refuse("invalid-content", "A Bandit JSON report has `results` (an array) and `metrics` (an object).");
  const tally = new FindingTally();
  const confidence: Record<string, number> = {};
  for (const [i, r] of doc.results.entries()) {
    if (!isObject(r) || typeof r.test_id !== "string")
      refuse("invalid-content", `Bandit result ${i + 1} has no test_id.`);
    const conf = (text(r.issue_confidence) ?? "UNDEFINED").toUpperCase();
    confidence[conf] = (confidence[conf] ?? 0) + 1;
    const line = text(r.line_number);
    tally.add({
      ruleId: `${r.test_id}${text(r.test_name) ? ` ${text(r.test_name)}` : ""}`,
      severity: severityOf(r.issue_severity),
      title: text(r.issue_text),
      location: `${text(r.filename) ?? "?"}${line ? `:${line}` : ""}`,
    });
  }
  const errors = Array.isArray(doc.errors) ? doc.errors.filter(isObject) : [];
  const num = (path: string) => {
    const v = pick(doc, `metrics._totals.${path}`);
    return typeof v === "number" ? v : null;
  };
  return findingsEvidence({
    format: "bandit",
    tool: "Bandit",
    tally,
    incomplete: errors.length ? `No findings, but Bandit could not scan ${errors.length} file(s).` : undefined,
    effectiveAt: parseTime(doc.generated_at),
    extra: {
      confidence,
      linesOfCode: num("loc"),
      nosec: num("nosec"),
      errors: errors.length,
      errorFiles: errors
        .slice(0, 20)
        .map((e) => ({ filename: text(e.filename) ?? null, reason: text(e.reason) ?? null })),
    },
  });
}
