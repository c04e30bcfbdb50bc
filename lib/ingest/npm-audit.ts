import { isObject, pick, text, type JsonValue } from "@/lib/ingest/exact-json";
import { refuse } from "@/lib/core/http/refusal";
import type { ParsedEvidence } from "@/lib/ingest/types";
import { auditEvidence, severityOf, worse, type Advisory, type VulnerablePackage } from "@/lib/ingest/vulnerabilities";

// `npm audit --json` in both shapes: npm 7+ (auditReportVersion 2, a map of vulnerable packages whose
// `via` mixes advisories and names of other vulnerable packages) and npm 6 (a map of advisories with
// findings). pnpm and yarn 2+ (`yarn npm audit --json`) write the npm 6 shape.

export function looksLikeNpmAudit(doc: JsonValue): boolean {
  return (
    isObject(doc) &&
    (doc.auditReportVersion !== undefined || (isObject(doc.advisories) && ("actions" in doc || "metadata" in doc)))
  );
}

export function parseNpmAudit(doc: JsonValue): ParsedEvidence {
  if (!isObject(doc)) refuse("invalid-content", "An npm audit report is a JSON object.");
  if (isObject(doc.error)) {
    refuse(
      "tool-error",
      `npm audit reported an error instead of a report: ${text(doc.error.summary) ?? text(doc.error.code) ?? "unknown error"}.`,
    );
  }
  if (doc.auditReportVersion !== undefined) {
    if (doc.auditReportVersion !== 2)
      refuse(
        "unsupported-format",
        `npm audit report version ${String(doc.auditReportVersion)} is not known; versions 1 (npm 6) and 2 (npm 7+) are.`,
      );
    return parseV2(doc);
  }
  if (isObject(doc.advisories)) return parseV1(doc);
  return refuse(
    "invalid-content",
    "This JSON has neither `auditReportVersion` (npm 7+) nor `advisories` (npm 6): it is not an npm audit report.",
  );
}

function parseV2(doc: Record<string, JsonValue>): ParsedEvidence {
  const vulns = isObject(doc.vulnerabilities) ? doc.vulnerabilities : {};
  const packages: VulnerablePackage[] = [];
  for (const [name, v] of Object.entries(vulns)) {
    if (!isObject(v)) continue;
    const advisories: Advisory[] = [];
    const via = Array.isArray(v.via) ? v.via : [];
    for (const entry of via) {
      if (isObject(entry)) {
        advisories.push({
          id: text(entry.source) ?? text(entry.url) ?? "?",
          title: text(entry.title),
          url: text(entry.url),
          severity: severityOf(entry.severity),
        });
      }
    }
    packages.push({
      name: text(v.name) ?? name,
      version: text(v.range),
      severity: severityOf(v.severity),
      direct: v.isDirect === true,
      fixAvailable: v.fixAvailable === true || isObject(v.fixAvailable),
      advisories,
    });
  }
  return auditEvidence({
    format: "npm-audit",
    tool: "npm audit (npm 7+)",
    packages,
    dependencies: numberOr(pick(doc, "metadata.dependencies.total")),
    extra: { transitiveOnly: packages.filter((p) => p.advisories.length === 0).length },
  });
}

function parseV1(doc: Record<string, JsonValue>): ParsedEvidence {
  const byName = new Map<string, VulnerablePackage>();
  for (const [id, a] of Object.entries(doc.advisories as Record<string, JsonValue>)) {
    if (!isObject(a)) continue;
    addNpm6Advisory(byName, id, a);
  }
  const tool = doc.runId !== undefined ? "npm audit (npm 6)" : "npm audit (npm 6 format: pnpm or yarn 2+)";
  const deps = pick(doc, "metadata.totalDependencies") ?? pick(doc, "metadata.dependencies");
  return auditEvidence({ format: "npm-audit", tool, packages: [...byName.values()], dependencies: numberOr(deps) });
}

/** One npm 6-style advisory (also what yarn 1 and pnpm emit), merged into a package list by name. */
export function addNpm6Advisory(
  byName: Map<string, VulnerablePackage>,
  id: string,
  a: Record<string, JsonValue>,
): void {
  const name = text(a.module_name) ?? text(a.name) ?? "(unknown package)";
  const severity = severityOf(a.severity);
  const patched = text(a.patched_versions);
  const versions = Array.isArray(a.findings)
    ? a.findings.map((f) => text(pick(f, "version"))).filter((v): v is string => !!v)
    : [];
  const pkg = byName.get(name) ?? { name, version: undefined, severity, fixAvailable: false, advisories: [] };
  pkg.severity = worse(pkg.severity, severity);
  pkg.version = [...new Set([...(pkg.version ? pkg.version.split(", ") : []), ...versions])].join(", ") || undefined;
  pkg.fixAvailable ||= !!patched && patched !== "<0.0.0";
  const advisoryId = text(a.github_advisory_id) ?? text(a.id) ?? id;
  if (!pkg.advisories.some((x) => x.id === advisoryId))
    pkg.advisories.push({ id: advisoryId, title: text(a.title), url: text(a.url), severity });
  byName.set(name, pkg);
}

function numberOr(v: unknown): number | undefined {
  return typeof v === "number" ? v : undefined;
}
