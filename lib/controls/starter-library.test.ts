import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { builtinCatalogues } from "@/lib/catalogue/builtin";
import { familyOf, starterLibrary } from "@/lib/controls/starter-library";
import { ZApplicability } from "@/lib/schemas/control";

const library = starterLibrary();
const catalogues = new Map(builtinCatalogues().map((c) => [c.key, c]));
const mappedIn = (key: string) => {
  const out = new Map<string, string[]>();
  for (const c of library.controls)
    for (const ref of c.mappings[key] ?? []) out.set(ref, [...(out.get(ref) ?? []), c.key]);
  return out;
};

describe("starter control library", () => {
  it("has at least 60 controls with unique keys in known families, each expecting evidence", () => {
    expect(library.controls.length).toBeGreaterThanOrEqual(60);
    const keys = library.controls.map((c) => c.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const c of library.controls) {
      expect(library.families[familyOf(c.key)], `${c.key} family`).toBeTruthy();
      expect(c.expects.length, `${c.key} expectations`).toBeGreaterThan(0);
      expect(Object.keys(c.mappings).length, `${c.key} mappings`).toBeGreaterThan(0);
    }
  });

  it("maps only to assessable, existing requirements of the built-in catalogues", () => {
    for (const c of library.controls) {
      for (const [fw, refs] of Object.entries(c.mappings)) {
        const catalogue = catalogues.get(fw);
        expect(catalogue, `${c.key}: framework ${fw}`).toBeDefined();
        for (const ref of refs) {
          const r = catalogue!.requirements.find((x) => x.refId === ref);
          expect(r, `${c.key} → ${fw} ${ref}`).toBeDefined();
          expect(r!.assessable, `${c.key} → ${fw} ${ref} is assessable`).toBe(true);
        }
      }
    }
  });

  it("maps every one of the 61 SOC 2 criteria, none of them not applicable by default", () => {
    const mapped = mappedIn("soc2");
    const criteria = catalogues.get("soc2")!.requirements.filter((r) => r.assessable);
    expect(criteria).toHaveLength(61);
    expect(criteria.filter((r) => !mapped.has(r.refId)).map((r) => r.refId)).toEqual([]);
    expect(criteria.filter((r) => r.defaultNotApplicableReason).map((r) => r.refId)).toEqual([]);
  });

  it("covers every assessable GDPR point and IRB requirement, and each listed GDPR article", () => {
    for (const key of ["gdpr", "irb"]) {
      const mapped = mappedIn(key);
      const gaps = catalogues
        .get(key)!
        .requirements.filter((r) => r.assessable && !mapped.has(r.refId))
        .map((r) => r.refId);
      expect(gaps, key).toEqual([]);
    }
    const gdpr = catalogues.get("gdpr")!;
    const mapped = mappedIn("gdpr");
    const servedWithin = (id: string): boolean =>
      mapped.has(id) || gdpr.requirements.filter((r) => r.parentRefId === id).some((r) => servedWithin(r.refId));
    for (const n of [
      5, 6, 7, 9, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 24, 25, 28, 30, 32, 33, 34, 35, 36, 37, 38, 39, 44, 45,
      46,
    ]) {
      expect(servedWithin(`Art. ${n}`), `Art. ${n}`).toBe(true);
    }
  });

  it("lets one control serve SOC 2, GDPR and IRB requirements at once", () => {
    const bck = library.controls.find((c) => c.key === "BCK-01")!;
    expect(Object.keys(bck.mappings).sort()).toEqual(["gdpr", "irb", "soc2"]);
  });

  it("has a control for each practice the issue names", () => {
    const text = library.controls.map((c) => `${c.key} ${c.title} ${c.description}`.toLowerCase());
    const topics: Record<string, RegExp> = {
      "access reviews": /access review/,
      MFA: /multi-factor|mfa/,
      RBAC: /role-based|least privilege/,
      "reviewed PRs": /pull request approved/,
      "CI tests on every merge": /tests run in ci on every pull request and on every merge/,
      SAST: /sast/,
      "dependency audits": /audits third-party dependencies/,
      SBOM: /bill of materials/,
      "signed artefacts": /signed in ci/,
      "encryption at rest": /encrypted at rest/,
      "encryption in transit": /tls 1\.2/,
      "key and secret rotation": /rotated on a schedule/,
      backups: /backed up automatically every day/,
      "restore drills": /restore drill/,
      "RTO/RPO": /rto and rpo|recovery time and recovery point/,
      "incident response": /incident response plan|written plan defines severity/,
      "breach notification": /72 hours/,
      logging: /structured logs/,
      "monitoring and alerting": /page an on-call/,
      "tamper-evident audit trail": /hash-chained/,
      "PHI redaction": /redactor/,
      "de-identification": /eighteen identifier types/,
      "retention and deletion": /retention period; scheduled jobs delete/,
      DPIA: /dpia/,
      "records of processing": /record of processing/,
      "data-subject requests": /requests for access, rectification, erasure/,
      "vendor review": /risk tier/,
      "sub-processors": /sub-processors is published/,
      "security training": /security and data protection training/,
      "rate limiting": /request limits/,
      "security headers": /content security policy, hsts/,
      "release gates": /release check/,
    };
    const missing = Object.entries(topics)
      .filter(([, re]) => !text.some((t) => re.test(t)))
      .map(([name]) => name);
    expect(missing).toEqual([]);
  });

  it("requires a justification to mark a control not applicable", () => {
    expect(ZApplicability.safeParse({ notApplicable: true }).success).toBe(false);
    expect(ZApplicability.safeParse({ notApplicable: true, justification: "short" }).success).toBe(false);
    expect(
      ZApplicability.safeParse({ notApplicable: true, justification: "No participant data is held here." }).success,
    ).toBe(true);
    expect(ZApplicability.safeParse({ notApplicable: false }).success).toBe(true);
  });
});

// Mapping files in a cloud scanner's shape (our own, lib/controls/fixtures): every criterion or article
// they map must exist in our catalogues. Scanners write lower-case SOC 2 ids, and one ("cc_a_1_1")
// disagrees with its own name ("A1.2"), so the id is read from the name. The conformance tier checks the
// real files in ../shared/corpus/catalogs the same way.
const fixtures = path.join(import.meta.dirname, "fixtures");

describe("catalogues against third-party mapping files", () => {
  it("contains every SOC 2 criterion the scanner maps, reading the id from the criterion name", () => {
    const scanner = JSON.parse(readFileSync(path.join(fixtures, "scanner-soc2-mapping.json"), "utf8")) as {
      Requirements: Array<{ Id: string; Name: string }>;
    };
    const ours = new Set(catalogues.get("soc2")!.requirements.map((r) => r.refId));
    const theirs = scanner.Requirements.map((r) => /^([A-Z]+\d+\.\d+)\b/.exec(r.Name)?.[1]);
    expect(theirs).toEqual(["CC1.1", "CC6.1", "CC6.6", "CC7.2", "CC8.1", "A1.2"]);
    expect(theirs.filter((id) => !ours.has(id!))).toEqual([]);
    expect(ours.has("CC99.9")).toBe(false);
  });

  it("contains every GDPR article the scanner maps", () => {
    const scanner = JSON.parse(readFileSync(path.join(fixtures, "scanner-gdpr-mapping.json"), "utf8")) as {
      Requirements: Array<{ Id: string }>;
    };
    const ours = new Set(catalogues.get("gdpr")!.requirements.map((r) => r.refId));
    const theirs = scanner.Requirements.map((r) => `Art. ${r.Id.replace("article_", "")}`);
    expect(theirs).toEqual(["Art. 5", "Art. 32", "Art. 33"]);
    expect(theirs.filter((id) => !ours.has(id))).toEqual([]);
  });
});
