import { describe, expect, it } from "vitest";
import { weakPasswordReason } from "@/lib/auth/password-strength";

describe("password strength for admin accounts", () => {
  it.each([
    ["proofline-demo", /common passwords/],
    ["short-Pass1!", null],
    ["Proofline-Demo", /common passwords/],
    ["password2024!", /common passwords/],
    ["PASSWORD123", /at least 12/],
    ["administrator", /common passwords/],
    ["aaaaaaaaaaaaaaaa", /one character repeated/],
    ["abcdefghijklmnop", /simple run/],
    ["9876543210987", /Use at least three/],
    ["ada.lovelace-Secure-7", /email name/],
    ["Lovelace-is-my-Secret-7", /person's name/],
    ["lowercaseonly", /Use at least three/],
    ["correct horse battery staple", null],
    ["Tr0ub4dor&3x!", null],
  ])("%s", (password, want) => {
    const reason = weakPasswordReason(password, { email: "ada.lovelace@example.org", name: "Ada Lovelace" });
    if (want === null) expect(reason).toBeNull();
    else expect(reason).toMatch(want);
  });

  it("refuses the published demo password whatever its case", () => {
    expect(weakPasswordReason("proofline-demo")).not.toBeNull();
    expect(weakPasswordReason("PROOFLINE-DEMO1")).toMatch(/common passwords|demo/);
  });

  it("takes a long passphrase and refuses one over the length limit", () => {
    expect(weakPasswordReason(`${"7".repeat(150)}-bridge`)).toBeNull();
    expect(weakPasswordReason("x1-".repeat(67))).toMatch(/at most 200/);
  });
});
