import { isObject, text, type JsonValue } from "@/lib/ingest/exact-json";
import { refuse } from "@/lib/core/http/refusal";
import { latest, parseTime } from "@/lib/ingest/time";
import type { ParsedEvidence } from "@/lib/ingest/types";
import { FindingTally, findingsEvidence } from "@/lib/ingest/scan-findings";

// `gitleaks detect|git|dir --report-format json`: an array of findings {RuleID, Description, File,
// StartLine, Commit, Author, Date, Fingerprint, Secret, Match, …}. gitleaks rates nothing: a secret in
// the code is a finding to act on, so each counts as high (and fails the scan). The secret and the
// matched text are never kept in the summary.

export function looksLikeGitleaks(doc: JsonValue): boolean {
  return (
    Array.isArray(doc) &&
    doc.length > 0 &&
    doc.every(
      (f) => isObject(f) && typeof f.RuleID === "string" && "StartLine" in f && ("Fingerprint" in f || "File" in f),
    )
  );
}

export function parseGitleaks(doc: JsonValue): ParsedEvidence {
  if (!Array.isArray(doc))
    refuse("invalid-content", "A gitleaks JSON report is an array of findings (`[]` when nothing was found).");
  const tally = new FindingTally();
  const files = new Set<string>();
  const commits = new Set<string>();
  let newest: Date | undefined;
  for (const [i, f] of doc.entries()) {
    if (!isObject(f) || typeof f.RuleID !== "string")
      refuse("invalid-content", `gitleaks finding ${i + 1} has no RuleID.`);
    const file = text(f.File) ?? "(unknown file)";
    files.add(file);
    const commit = text(f.Commit);
    if (commit) commits.add(commit);
    newest = latest(newest, parseTime(f.Date));
    tally.add({
      ruleId: f.RuleID,
      severity: "high",
      title: text(f.Description),
      location: `${file}:${text(f.StartLine) ?? "?"}${commit ? ` @ ${commit.slice(0, 12)}` : ""}`,
    });
  }
  return findingsEvidence({
    format: "gitleaks",
    tool: "gitleaks",
    tally,
    extra: {
      files: files.size,
      commits: commits.size,
      newestCommitDate: newest?.toISOString() ?? null,
      secretsKept: false,
    },
  });
}
