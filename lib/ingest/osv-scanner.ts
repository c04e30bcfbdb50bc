import { isObject, pick, text, type JsonValue } from "@/lib/ingest/exact-json";
import { refuse } from "@/lib/core/http/refusal";
import type { ParsedEvidence } from "@/lib/ingest/types";
import { PackageCollector, scanEvidence } from "@/lib/ingest/scan-packages";
import { severityOf, type Severity } from "@/lib/ingest/vulnerabilities";

// `osv-scanner --format json`: {results: [{source: {path, type}, packages: [{package: {name, version,
// ecosystem}, vulnerabilities: [OSV records], groups: [{ids, aliases, max_severity}]}]}]}. A group is
// one vulnerability under all its ids (GHSA, CVE, PYSEC…), so groups are what is counted; its
// max_severity is a CVSS base score ("7.5"), rated by the CVSS bands (9+ critical, 7+ high, 4+ medium,
// above 0 low). Without a score, the record's database_specific.severity is used, else it is unrated.

export function looksLikeOsvScanner(doc: JsonValue): boolean {
  if (!isObject(doc) || !Array.isArray(doc.results)) return false;
  if (doc.results.length === 0) return "experimental_config" in doc;
  return doc.results.every((r) => isObject(r) && isObject(r.source) && Array.isArray(r.packages));
}

export function cvssBand(score: unknown): Severity | undefined {
  const s = typeof score === "string" && score.trim() !== "" ? Number(score) : typeof score === "number" ? score : NaN;
  if (!Number.isFinite(s)) return undefined;
  if (s >= 9) return "critical";
  if (s >= 7) return "high";
  if (s >= 4) return "moderate";
  if (s > 0) return "low";
  return "info";
}

function fixedVersions(vuln: JsonValue, name: string): string[] {
  const out: string[] = [];
  const affected = pick(vuln, "affected");
  for (const a of Array.isArray(affected) ? affected : []) {
    if (text(pick(a, "package.name")) !== name) continue;
    const ranges = pick(a, "ranges");
    for (const r of Array.isArray(ranges) ? ranges : []) {
      const events = pick(r, "events");
      for (const e of Array.isArray(events) ? events : []) {
        const fixed = text(pick(e, "fixed"));
        if (fixed && !out.includes(fixed)) out.push(fixed);
      }
    }
  }
  return out;
}

export function parseOsvScanner(doc: JsonValue): ParsedEvidence {
  if (!isObject(doc) || !Array.isArray(doc.results))
    refuse("invalid-content", "An OSV-Scanner JSON report has a top-level `results` array.");
  const collector = new PackageCollector();
  const sources: Array<{ path: string; type?: string; packages: number }> = [];
  for (const [i, r] of doc.results.entries()) {
    if (!isObject(r) || !Array.isArray(r.packages))
      refuse("invalid-content", `OSV-Scanner result ${i + 1} has no \`packages\` array.`);
    const path = text(pick(r, "source.path")) ?? "(unknown source)";
    if (sources.length < 50) sources.push({ path, type: text(pick(r, "source.type")), packages: r.packages.length });
    for (const p of r.packages) {
      const name = text(pick(p, "package.name"));
      if (!isObject(p) || !name) refuse("invalid-content", `A package in "${path}" has no package.name.`);
      const version = text(pick(p, "package.version"));
      const vulns = (Array.isArray(p.vulnerabilities) ? p.vulnerabilities : []).filter(isObject);
      const byId = new Map(vulns.map((v) => [text(v.id) ?? "", v]));
      const groups = (Array.isArray(p.groups) ? p.groups : []).filter(isObject);
      // Without groups (older releases), every record is its own group.
      const units = groups.length
        ? groups.map((g) => ({
            ids: (Array.isArray(g.ids) ? g.ids : []).map((x) => text(x) ?? "").filter(Boolean),
            score: g.max_severity,
          }))
        : [...byId.keys()].map((id) => ({ ids: [id], score: undefined }));
      for (const unit of units) {
        const id = unit.ids[0];
        if (!id) continue;
        const record = unit.ids.map((x) => byId.get(x)).find(Boolean);
        const severity =
          cvssBand(unit.score) ?? (record ? severityOf(pick(record, "database_specific.severity")) : "unknown");
        collector.add(
          { name, version, fixVersions: record ? fixedVersions(record, name) : [] },
          { id, title: record ? text(record.summary) : undefined, url: `https://osv.dev/${id}`, severity },
        );
      }
    }
  }
  const first = sources[0]?.path;
  return scanEvidence({
    format: "osv-scanner",
    tool: `OSV-Scanner ${first ?? ""}${sources.length > 1 ? ` (+${sources.length - 1} more)` : ""}`.trim(),
    collector,
    extra: { scanner: "OSV-Scanner", sources },
  });
}
