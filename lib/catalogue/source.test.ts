import { describe, expect, it } from "vitest";
import { builtinCatalogues } from "@/lib/catalogue/builtin";
import { sourceOf } from "@/lib/catalogue/source";

describe("requirement sources", () => {
  it("links IRB sections to eCFR, GDPR articles to EUR-Lex, and names the AICPA criterion", () => {
    expect(sourceOf("irb", "46.116(a)")).toEqual({
      label: "eCFR 45 CFR 46.116(a)",
      url: "https://www.ecfr.gov/current/title-45/section-46.116#p-46.116(a)",
    });
    expect(sourceOf("irb", "11.200(a)(1)(i)")!.url).toBe(
      "https://www.ecfr.gov/current/title-21/section-11.200#p-11.200(a)(1)(i)",
    );
    expect(sourceOf("irb", "56.115")!.url).toBe("https://www.ecfr.gov/current/title-21/section-56.115");
    expect(sourceOf("irb", "164.514(e)(4)")!.label).toBe("eCFR 45 CFR 164.514(e)(4)");
    expect(sourceOf("gdpr", "Art. 32(1)(a)")).toEqual({
      label: "EUR-Lex Regulation (EU) 2016/679, Art. 32(1)(a)",
      url: "https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_32",
    });
    expect(sourceOf("soc2", "CC6.4")).toEqual({ label: "AICPA Trust Services Criteria (2017), CC6.4", url: null });
    expect(sourceOf("custom", "A.1")).toBeNull();
    expect(sourceOf("irb", "45 CFR 46")).toBeNull();
  });

  it("gives every assessable built-in requirement a source", () => {
    for (const c of builtinCatalogues()) {
      for (const r of c.requirements.filter((x) => x.assessable || x.level === "requirement"))
        expect(sourceOf(c.key, r.refId), `${c.key} ${r.refId}`).not.toBeNull();
    }
  });
});
