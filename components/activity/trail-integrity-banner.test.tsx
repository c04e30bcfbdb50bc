import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { TrailIntegrityBanner } from "@/components/activity/trail-integrity-banner";

const checkedAt = new Date("2026-12-07T04:07:00Z");

describe("TrailIntegrityBanner", () => {
  it("announces a failing trail check as an alert with a heading, where it broke and why", () => {
    const html = renderToStaticMarkup(
      <TrailIntegrityBanner
        integrity={{
          ok: false,
          checkedAt,
          eventId: "42",
          reason: "event 42 has hash abc…, but the head signed at … says def…: the trail up to it was rewritten",
        }}
      />,
    );
    expect(html).toContain('role="alert"');
    expect(html).toContain('aria-labelledby="trail-integrity-title"');
    expect(html).toContain('<h2 id="trail-integrity-title"');
    expect(html).toContain("Trail integrity: failing");
    expect(html).toContain("checked 2026-12-07 04:07 UTC");
    expect(html).toContain("first at event 42");
    expect(html).toContain("the trail up to it was rewritten");
  });

  it("shows nothing while the trail verifies, or for those who may not read it", () => {
    expect(
      renderToStaticMarkup(<TrailIntegrityBanner integrity={{ ok: true, checkedAt, eventId: null, reason: null }} />),
    ).toBe("");
    expect(renderToStaticMarkup(<TrailIntegrityBanner integrity={null} />)).toBe("");
  });
});
