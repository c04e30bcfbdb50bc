import { describe, expect, it } from "vitest";
import { countOf } from "@/lib/format";

describe("countOf", () => {
  it("writes the noun in the singular only for one", () => {
    expect(countOf(0, "control")).toBe("0 controls");
    expect(countOf(1, "control")).toBe("1 control");
    expect(countOf(2, "control")).toBe("2 controls");
    expect(countOf(1, "policy", "policies")).toBe("1 policy");
    expect(countOf(4, "policy", "policies")).toBe("4 policies");
  });
});
