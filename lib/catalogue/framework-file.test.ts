import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { InvalidInputError } from "@/lib/errors";
import { builtinCatalogues } from "@/lib/catalogue/builtin";
import {
  formatPath,
  parseFrameworkFile,
  parseFrameworkJson,
  toFrameworkFile,
  type Catalogue,
} from "@/lib/catalogue/framework-file";

const root = path.resolve(import.meta.dirname, "../..");
const example = JSON.parse(readFileSync(path.join(root, "docs/examples/custom-framework.json"), "utf8"));
const catalogue = (key: string): Catalogue => builtinCatalogues().find((c) => c.key === key)!;
const ids = (c: Catalogue) => c.requirements.map((r) => r.refId);
const range = (prefix: string, from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => `${prefix}${from + i}`);

function problems(value: unknown): Array<{ path: string; message: string }> {
  try {
    parseFrameworkFile(value);
  } catch (err) {
    expect(err).toBeInstanceOf(InvalidInputError);
    return (err as InvalidInputError).issues;
  }
  throw new Error("expected the file to be refused");
}

const base = () => ({
  format: "proofline.framework/v1",
  key: "custom",
  name: "Custom",
  version: "1",
  requirements: [
    { id: "G", level: "category", title: "Group" },
    { id: "CC6.1", parent: "G", title: "First" },
    { id: "CC6.2", parent: "G", title: "Second" },
  ],
});

describe("built-in catalogue files", () => {
  it("SOC 2 lists exactly the 61 criteria, each under its family and category", () => {
    const soc2 = catalogue("soc2");
    const criteria = soc2.requirements.filter((r) => r.level === "requirement").map((r) => r.refId);
    const expected = [
      ...range("CC1.", 1, 5),
      ...range("CC2.", 1, 3),
      ...range("CC3.", 1, 4),
      ...range("CC4.", 1, 2),
      ...range("CC5.", 1, 3),
      ...range("CC6.", 1, 8),
      ...range("CC7.", 1, 5),
      "CC8.1",
      ...range("CC9.", 1, 2),
      ...range("A1.", 1, 3),
      ...range("C1.", 1, 2),
      ...range("PI1.", 1, 5),
      "P1.1",
      "P2.1",
      ...range("P3.", 1, 2),
      ...range("P4.", 1, 3),
      ...range("P5.", 1, 2),
      ...range("P6.", 1, 7),
      "P7.1",
      "P8.1",
    ];
    expect(expected).toHaveLength(61);
    expect(criteria).toEqual(expected);
    const byId = new Map(soc2.requirements.map((r) => [r.refId, r]));
    expect(soc2.requirements.filter((r) => r.level === "category").map((r) => r.title)).toEqual([
      "Security (common criteria)",
      "Availability",
      "Confidentiality",
      "Processing integrity",
      "Privacy",
    ]);
    expect(soc2.requirements.filter((r) => r.level === "family").map((r) => r.refId)).toEqual([
      ...range("CC", 1, 9),
      "A1",
      "C1",
      "PI1",
      ...range("P", 1, 8),
    ]);
    for (const id of criteria) {
      const r = byId.get(id)!;
      expect(id.startsWith(r.parentRefId!), `${id} sits in family ${r.parentRefId}`).toBe(true);
      expect(byId.get(r.parentRefId!)!.level).toBe("family");
      expect(r.assessable).toBe(true);
      expect(r.summary.length, `${id} summary`).toBeGreaterThan(40);
      expect(r.evidenceHint.length, `${id} evidence hint`).toBeGreaterThan(20);
    }
    // Every criterion applies in an examination: none is "not applicable" by default (issue 13).
    expect(soc2.requirements.filter((r) => r.defaultNotApplicableReason).map((r) => r.refId)).toEqual([]);
  });

  it("GDPR has the required articles with their official titles, and paragraphs as children", () => {
    const gdpr = catalogue("gdpr");
    const articles = [
      5,
      6,
      7,
      9,
      ...range("", 12, 22).map(Number),
      24,
      25,
      28,
      30,
      ...range("", 32, 39).map(Number),
      44,
      45,
      46,
    ].map((n) => `Art. ${n}`);
    for (const a of articles) expect(ids(gdpr), a).toContain(a);
    const title = (id: string) => gdpr.requirements.find((r) => r.refId === id)!.title;
    expect(title("Art. 17")).toBe("Right to erasure ('right to be forgotten')");
    expect(title("Art. 32")).toBe("Security of processing");
    expect(title("Art. 33")).toBe("Notification of a personal data breach to the supervisory authority");
    expect(title("Art. 46")).toBe("Transfers subject to appropriate safeguards");
    const children = (id: string) => gdpr.requirements.filter((r) => r.parentRefId === id).map((r) => r.refId);
    expect(children("Art. 32")).toEqual(
      expect.arrayContaining(["Art. 32(1)(a)", "Art. 32(1)(b)", "Art. 32(1)(c)", "Art. 32(1)(d)"]),
    );
    expect(children("Art. 33")).toEqual(["Art. 33(1)", "Art. 33(2)", "Art. 33(3)", "Art. 33(4)", "Art. 33(5)"]);
    // An article with paragraphs is scored through them; the paragraphs are the assessable points.
    expect(gdpr.requirements.find((r) => r.refId === "Art. 33")!.assessable).toBe(false);
    expect(gdpr.requirements.find((r) => r.refId === "Art. 33(5)")!.assessable).toBe(true);
  });

  it("IRB covers the Common Rule, FDA IRB records, Part 11 and HIPAA de-identification by section number", () => {
    const irb = ids(catalogue("irb"));
    const required = [
      "46.108(a)(4)",
      "46.111(a)(7)",
      "46.115",
      "46.116",
      "46.117",
      "56.115",
      ...["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k"].map((p) => `11.10(${p})`),
      "11.50",
      "11.70",
      "164.514(a)",
      "164.514(b)",
    ];
    for (const id of required) expect(irb, id).toContain(id);
  });

  it("every requirement's text is filled in, and summaries are not copies of the titles", () => {
    for (const c of builtinCatalogues()) {
      for (const r of c.requirements) {
        expect(r.title.length, `${c.key} ${r.refId}`).toBeGreaterThan(2);
        if (r.assessable) expect(r.summary, `${c.key} ${r.refId}`).not.toBe(r.title);
      }
    }
  });
});

describe("framework file validation", () => {
  it("names a duplicate id by its path and the first use", () => {
    const file = base();
    file.requirements.push({ id: "CC6.1", parent: "G", title: "Again" });
    expect(problems(file)).toEqual([
      { path: "requirements[3].id", message: 'duplicate "CC6.1" (first used at requirements[1])' },
    ]);
  });

  it("refuses unknown parents, self-parents and loops", () => {
    const file = base();
    file.requirements[1].parent = "Nope";
    file.requirements[2].parent = "CC6.2";
    file.requirements.push({ id: "X", parent: "Y", title: "x" }, { id: "Y", parent: "X", title: "y" });
    expect(problems(file)).toEqual([
      { path: "requirements[1].parent", message: 'no requirement with id "Nope" in this file' },
      { path: "requirements[2].parent", message: '"CC6.2" cannot be its own parent' },
      { path: "requirements[2].parent", message: '"CC6.2" is inside a loop of parents' },
      { path: "requirements[3].parent", message: '"X" is inside a loop of parents' },
      { path: "requirements[4].parent", message: '"Y" is inside a loop of parents' },
    ]);
  });

  it("reports missing fields, wrong types, unknown fields and the wrong format together", () => {
    const file = { ...base(), format: "oscal", colour: "red" } as Record<string, unknown>;
    (file.requirements as Array<Record<string, unknown>>)[1] = { id: "CC6.1", level: "chapter", assessable: "yes" };
    expect(problems(file)).toEqual(
      expect.arrayContaining([
        { path: "format", message: 'must be "proofline.framework/v1"' },
        { path: "(file)", message: "not a recognised field: colour" },
        { path: "requirements[1].level", message: "must be one of category, family, requirement, point" },
        { path: "requirements[1].title", message: "is required" },
        { path: "requirements[1].assessable", message: "must be a boolean" },
      ]),
    );
  });

  it("refuses mappings and not-applicable reasons on grouping nodes", () => {
    const file = base();
    Object.assign(file.requirements[0], {
      controls: ["BCK-02"],
      notApplicableByDefault: "We have no premises at all.",
    });
    expect(problems(file).map((p) => p.path)).toEqual([
      "requirements[0].notApplicableByDefault",
      "requirements[0].controls",
    ]);
  });

  it("summarises the problems in one sentence, with a JSON syntax error reported as such", () => {
    const file = base();
    file.requirements.push({ id: "CC6.1", parent: "G", title: "Again" });
    expect(() => parseFrameworkFile(file)).toThrow(
      'The framework file has a problem: requirements[3].id: duplicate "CC6.1" (first used at requirements[1]).',
    );
    expect(() => parseFrameworkJson("{ not json")).toThrow(/\(file\): not valid JSON/);
  });

  it("applies defaults: level requirement, parents with children are not assessable", () => {
    const c = parseFrameworkFile({
      ...base(),
      requirements: [
        { id: "1", title: "One" },
        { id: "1.a", parent: "1", level: "point", title: "One a" },
      ],
    });
    expect(c.requirements.map((r) => [r.refId, r.level, r.assessable, r.position])).toEqual([
      ["1", "requirement", false, 0],
      ["1.a", "point", true, 1],
    ]);
  });

  it("formats paths the way JSON is read", () => {
    expect(formatPath(["requirements", 12, "controls", 0])).toBe("requirements[12].controls[0]");
    expect(formatPath([])).toBe("(file)");
  });

  it("round-trips the documented example exactly", () => {
    const parsed = parseFrameworkFile(example);
    expect(parsed.requirements.filter((r) => r.assessable)).toHaveLength(5);
    expect(toFrameworkFile(parsed)).toEqual(example);
    for (const c of builtinCatalogues()) expect(parseFrameworkFile(toFrameworkFile(c))).toEqual(c);
  });
});
