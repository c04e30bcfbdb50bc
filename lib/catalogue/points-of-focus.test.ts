import { describe, expect, it } from "vitest";
import { builtinCatalogues } from "@/lib/catalogue/builtin";
import { pointsOfFocus } from "@/lib/catalogue/points-of-focus";
import file from "@/prisma/catalogues/soc2-points-of-focus.json";

describe("SOC 2 points of focus (guidance, not scored)", () => {
  it("gives every one of the 61 criteria guidance, and nothing for ids the catalogue lacks", () => {
    const soc2 = builtinCatalogues().find((c) => c.key === "soc2")!;
    const criteria = soc2.requirements.filter((r) => r.assessable).map((r) => r.refId);
    expect(criteria).toHaveLength(61);
    for (const id of criteria) {
      expect(pointsOfFocus("soc2", id).length, id).toBeGreaterThan(0);
      for (const p of pointsOfFocus("soc2", id)) expect(p.length, id).toBeGreaterThan(20);
    }
    expect(Object.keys(file.criteria).sort()).toEqual([...criteria].sort());
    expect(pointsOfFocus("gdpr", "Art. 32")).toEqual([]);
    expect(pointsOfFocus("soc2", "toString")).toEqual([]);
  });
});
