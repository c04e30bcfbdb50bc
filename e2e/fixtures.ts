import { test as base, expect, type Page } from "@playwright/test";
import type { Role } from "@/generated/prisma/enums";
import * as factories from "../tests/factories";

export interface Credentials {
  email: string;
  password: string;
}

// Console messages that are expected: the browser logs every 4xx a page's fetch receives, and some
// tests provoke those on purpose (a refused write, a validation error).
const EXPECTED_CONSOLE = [/Failed to load resource: the server responded with a status of 4\d\d/];

export const test = base.extend<{
  factory: typeof factories;
  signInAs: (page: Page, user: Credentials) => Promise<void>;
  signInAsNew: (page: Page, role: Role) => Promise<factories.TestUser>;
  consoleErrors: string[];
}>({
  // Test data goes straight into the e2e database through the same code the app uses.
  factory: async ({}, provide) => {
    await provide(factories);
  },
  // Signs in through the API (no form filling), sharing cookies with the page.
  signInAs: async ({}, provide) => {
    await provide(async (page, user) => {
      const csrf = await page.request.get("/api/auth/csrf");
      const { csrfToken } = (await csrf.json()) as { csrfToken: string };
      const res = await page.request.post("/api/auth/callback/credentials", {
        form: { csrfToken, email: user.email, password: user.password, json: "true" },
      });
      expect(res.ok(), `sign-in as ${user.email}`).toBe(true);
      const cookies = await page.context().cookies();
      expect(
        cookies.some((c) => c.name.endsWith("next-auth.session-token")),
        `session cookie for ${user.email}`,
      ).toBe(true);
    });
  },
  // A new user of the role, signed in on the page as above.
  signInAsNew: async ({ signInAs }, provide) => {
    await provide(async (page, role) => {
      const user = await factories.makeUser({ role });
      await signInAs(page, user);
      return user;
    });
  },
  // Every test fails on an unexpected console error or uncaught page error.
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on("console", (msg) => {
        if (msg.type() === "error" && !EXPECTED_CONSOLE.some((re) => re.test(msg.text()))) errors.push(msg.text());
      });
      page.on("pageerror", (err) => errors.push(String(err)));
      await use(errors);
      expect(errors, "console errors").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
