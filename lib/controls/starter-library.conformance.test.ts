// Conformance: our catalogues against a widely used open-source scanner's real mapping files
// (../shared/corpus/catalogs, see SOURCES.md); run by the conformance tier when ../shared is there.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { builtinCatalogues } from "@/lib/catalogue/builtin";

const catalogues = new Map(builtinCatalogues().map((c) => [c.key, c]));

// Real mapping files from a widely used open-source scanner (../shared/corpus/catalogs, see SOURCES.md):
// every criterion or article it maps must exist in our catalogues. Its SOC 2 ids are lower-case and
// one ("cc_a_1_1") disagrees with its own name ("A1.2"), so the id is read from the name.
const corpus = path.resolve(import.meta.dirname, "../../../shared/corpus/catalogs");
if (!existsSync(corpus)) throw new Error(`The shared corpus is missing at ${corpus}; the conformance tier needs it.`);

describe("catalogues against third-party mapping files", () => {
  it("contains every SOC 2 criterion Prowler maps, reading the id from the criterion name", () => {
    const prowler = JSON.parse(readFileSync(path.join(corpus, "prowler_soc2_aws.json"), "utf8")) as {
      Requirements: Array<{ Id: string; Name: string }>;
    };
    const ours = new Set(catalogues.get("soc2")!.requirements.map((r) => r.refId));
    const theirs = prowler.Requirements.map((r) => /^([A-Z]+\d+\.\d+)\b/.exec(r.Name)?.[1]);
    expect(theirs.every(Boolean)).toBe(true);
    expect(theirs.length).toBe(27);
    expect(theirs.filter((id) => !ours.has(id!))).toEqual([]);
    expect(prowler.Requirements.find((r) => r.Id === "cc_a_1_1")!.Name.startsWith("A1.2")).toBe(true);
  });

  it("contains every GDPR article Prowler maps", () => {
    const prowler = JSON.parse(readFileSync(path.join(corpus, "prowler_gdpr_aws.json"), "utf8")) as {
      Requirements: Array<{ Id: string }>;
    };
    const ours = new Set(catalogues.get("gdpr")!.requirements.map((r) => r.refId));
    const theirs = prowler.Requirements.map((r) => `Art. ${r.Id.replace("article_", "")}`);
    expect(theirs).toEqual(["Art. 25", "Art. 30", "Art. 32"]);
    expect(theirs.filter((id) => !ours.has(id))).toEqual([]);
  });
});
