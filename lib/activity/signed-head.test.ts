import { describe, expect, it } from "vitest";
import { activityHeadMessage } from "@/lib/activity/signed-head";
import { activityHeadMessage as cliHeadMessage } from "@/public/cli/proofline.mjs";

describe("activityHeadMessage", () => {
  const head = { eventId: "1234", hash: "ab".repeat(32), signedAt: "2026-12-07T04:07:00.000Z" };

  it("is one fact a line in a fixed format, so that the signed bytes cannot be read two ways", () => {
    expect(activityHeadMessage(head).toString("utf8")).toBe(
      `proofline-activity-head/1\nevent 1234\nhash ${"ab".repeat(32)}\nsigned-at 2026-12-07T04:07:00.000Z\n`,
    );
  });

  it("is the same bytes in the app and in the dependency-free CLI that checks packets", () => {
    expect(cliHeadMessage(head).equals(activityHeadMessage(head))).toBe(true);
    expect(cliHeadMessage({ ...head, eventId: "1235" }).equals(activityHeadMessage(head))).toBe(false);
  });
});
