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
    for (const part of [
      'role="alert"',
      'aria-labelledby="trail-integrity-title"',
      '<h2 id="trail-integrity-title"',
      "Trail integrity: failing",
      "checked 2026-12-07 04:07 UTC",
      "first at event 42",
      "the trail up to it was rewritten",
    ])
      expect(html).toContain(part);
  });

  it("shows nothing while the trail verifies, or for those who may not read it", () => {
    expect(
      renderToStaticMarkup(<TrailIntegrityBanner integrity={{ ok: true, checkedAt, eventId: null, reason: null }} />),
    ).toBe("");
    expect(renderToStaticMarkup(<TrailIntegrityBanner integrity={null} />)).toBe("");
  });
});
