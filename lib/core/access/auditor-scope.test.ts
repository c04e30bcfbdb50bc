import { describe, expect, it } from "vitest";
import { chooseView, clampToWindow, type GrantedAudit } from "@/lib/core/access/auditor-scope";

const d = (s: string) => new Date(s);
const H1 = { start: d("2026-01-01T00:00:00Z"), end: d("2026-06-30T23:59:59.999Z") };
const H2 = { start: d("2026-07-01T00:00:00Z"), end: d("2026-12-31T23:59:59.999Z") };
const audit = (auditId: string, window: typeof H1, projectIds = ["p"]): GrantedAudit => ({
  auditId,
  projectIds,
  window,
  expiresAt: d("2027-01-01T00:00:00Z"),
});

describe("an auditor's moment", () => {
  it("is clamped into the window: before it to its start, after it to its end, inside it unchanged", () => {
    expect(clampToWindow(d("2025-12-31T23:59:59Z"), H1)).toEqual(H1.start);
    expect(clampToWindow(d("2026-07-01T00:00:00Z"), H1)).toEqual(H1.end);
    expect(clampToWindow(d("2026-03-01T00:00:00Z"), H1)).toEqual(d("2026-03-01T00:00:00Z"));
    const moment = { start: H1.end, end: H1.end };
    expect(clampToWindow(d("2026-01-05T00:00:00Z"), moment)).toEqual(H1.end);
  });

  it("uses the granting audit whose window is nearest, and no audit that does not cover the project", () => {
    const audits = [audit("h1", H1), audit("h2", H2), audit("other", H1, ["q"])];
    expect(chooseView(audits, "p", d("2026-03-01T00:00:00Z"))).toMatchObject({
      auditId: "h1",
      at: d("2026-03-01T00:00:00Z"),
    });
    expect(chooseView(audits, "p", d("2026-08-01T00:00:00Z"))).toMatchObject({
      auditId: "h2",
      at: d("2026-08-01T00:00:00Z"),
    });
    expect(chooseView(audits, "p", d("2027-02-01T00:00:00Z"))).toMatchObject({ auditId: "h2", at: H2.end });
    expect(chooseView(audits, "p", d("2025-06-01T00:00:00Z"))).toMatchObject({ auditId: "h1", at: H1.start });
    expect(chooseView(audits, "z", d("2026-03-01T00:00:00Z"))).toBeNull();
    expect(chooseView([audit("other", H1, ["q"])], "p", d("2026-03-01T00:00:00Z"))).toBeNull();
  });
});
