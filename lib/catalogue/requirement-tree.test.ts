import { describe, expect, it } from "vitest";
import { walkRequirementTree, type TreeRow } from "@/lib/catalogue/requirement-tree";

const RETIRED = new Date("2026-01-01T00:00:00Z");
const row = (refId: string, parentId: string | null, over: Partial<TreeRow> = {}): TreeRow => ({
  id: refId,
  refId,
  parentId,
  assessable: true,
  retiredAt: null,
  defaultNotApplicableReason: null,
  controls: [],
  ...over,
});
const c = (key: string) => ({ key, title: key });

describe("the requirement tree as readiness reads it", () => {
  it("scores the requirements with nothing current and assessable beneath them, and passes every ancestor's controls down with their source", () => {
    const walked = walkRequirementTree([
      row("CAT", null, { assessable: false, controls: [c("A-01")] }),
      row("FAM", "CAT", { assessable: false, controls: [c("B-01")] }),
      row("REQ", "FAM", { controls: [c("A-01")] }),
      row("REQ.a", "REQ"),
      row("REQ.b", "REQ", { controls: [c("C-01")] }),
      row("LEAF", "FAM"),
      row("LEAF.x", "LEAF", { retiredAt: RETIRED }),
    ]);
    const by = Object.fromEntries(walked.map((w) => [w.row.refId, w]));
    expect(walked.map((w) => [w.row.refId, w.depth, w.scored])).toEqual([
      ["CAT", 0, false],
      ["FAM", 1, false],
      ["REQ", 2, false],
      ["REQ.a", 3, true],
      ["REQ.b", 3, true],
      ["LEAF", 2, true], // its only child is retired (and, with nothing current beneath it, not shown)
    ]);
    // A-01 is mapped to CAT and to REQ: the nearest ancestor is named.
    expect(by["REQ.a"].inherited).toEqual([
      { key: "B-01", title: "B-01", from: "FAM" },
      { key: "A-01", title: "A-01", from: "REQ" },
    ]);
    expect(by["REQ.b"].inherited.map((x) => x.key)).toEqual(["B-01", "A-01"]);
    expect(by["REQ"].inherited).toEqual([{ key: "B-01", title: "B-01", from: "FAM" }]);
    expect(by["LEAF"].inherited.map((x) => x.from)).toEqual(["CAT", "FAM"]);
  });

  it("keeps a current requirement under a retired parent in place, with the parent's controls and not-applicable reason", () => {
    const walked = walkRequirementTree([
      row("F", null, { assessable: false }),
      row("F.old", "F", {
        assessable: false,
        retiredAt: RETIRED,
        controls: [c("X-01")],
        defaultNotApplicableReason: "Dropped.",
      }),
      row("F.old.1", "F.old"),
      row("F.gone", "F", { retiredAt: RETIRED, controls: [c("Y-01")] }),
    ]);
    expect(walked.map((w) => [w.row.refId, w.depth, w.scored, w.ancestors])).toEqual([
      ["F", 0, false, []],
      ["F.old", 1, false, ["F"]],
      ["F.old.1", 2, true, ["F", "F.old"]],
    ]);
    expect(walked[2]).toMatchObject({ naReason: "Dropped.", inherited: [{ key: "X-01", from: "F.old" }] });
  });
});
