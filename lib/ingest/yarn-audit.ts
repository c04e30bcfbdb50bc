import type { Line } from "@/lib/ingest/bytes";
import { isObject, parseJson, pick, text } from "@/lib/ingest/exact-json";
import { refuse } from "@/lib/core/http/refusal";
import type { ParsedEvidence } from "@/lib/ingest/types";
import { addNpm6Advisory } from "@/lib/ingest/npm-audit";
import { auditEvidence, severityOf, worse, type VulnerablePackage } from "@/lib/ingest/vulnerabilities";

// `yarn audit --json` (yarn 1: auditAdvisory / auditSummary events, the same advisory repeated for
// every dependency path) and `yarn npm audit --json` (yarn 4: one {value, children} object per
// vulnerable package). Both are JSON Lines; advisories are de-duplicated by id.

export function looksLikeYarnLine(obj: unknown): boolean {
  if (!isObject(obj)) return false;
  if (typeof obj.type === "string" && /^audit(Advisory|Summary|Action)$/.test(obj.type)) return true;
  return typeof obj.value === "string" && isObject(obj.children) && "Severity" in obj.children;
}

export async function parseYarnAudit(lines: AsyncIterable<Line>): Promise<ParsedEvidence> {
  const byName = new Map<string, VulnerablePackage>();
  let dependencies: number | undefined;
  let yarnVersion: "1" | "4" | undefined;
  for await (const { lineNo, text: line } of lines) {
    if (!line.trim()) continue;
    const obj = parseJson(line, `Line ${lineNo}`);
    if (!isObject(obj)) refuse("invalid-content", `Line ${lineNo} is not a JSON object.`);
    if (obj.type === "error") refuse("tool-error", `yarn reported an error: ${text(obj.data) ?? "unknown error"}.`);
    if (obj.type === "auditAdvisory") {
      yarnVersion = "1";
      const advisory = pick(obj, "data.advisory");
      if (isObject(advisory)) addNpm6Advisory(byName, text(advisory.id) ?? String(lineNo), advisory);
    } else if (obj.type === "auditSummary") {
      yarnVersion = "1";
      const deps = pick(obj, "data.totalDependencies") ?? pick(obj, "data.dependencies");
      if (typeof deps === "number") dependencies = deps;
    } else if (isObject(obj.children) && typeof obj.value === "string") {
      yarnVersion = "4";
      const c = obj.children;
      const severity = severityOf(c.Severity);
      const id = text(c.ID) ?? text(c.URL) ?? String(lineNo);
      const versions = Array.isArray(c["Tree Versions"]) ? c["Tree Versions"].map((v) => text(v) ?? "") : [];
      const pkg = byName.get(obj.value) ?? { name: obj.value, severity, fixAvailable: false, advisories: [] };
      pkg.severity = worse(pkg.severity, severity);
      pkg.version =
        [...new Set([...(pkg.version ? pkg.version.split(", ") : []), ...versions.filter(Boolean)])].join(", ") ||
        undefined;
      if (!pkg.advisories.some((a) => a.id === id))
        pkg.advisories.push({ id, title: text(c.Issue), url: text(c.URL), severity });
      byName.set(obj.value, pkg);
    }
  }
  if (!yarnVersion)
    refuse("invalid-content", "No yarn audit events (auditAdvisory, auditSummary or {value, children}) were found.");
  return auditEvidence({
    format: "yarn-audit",
    tool: `yarn audit (yarn ${yarnVersion === "1" ? "1" : "2+"})`,
    packages: [...byName.values()],
    dependencies,
  });
}
