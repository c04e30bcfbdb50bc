import { test, expect } from "./fixtures";

test.describe("sign-in and roles", () => {
  for (const role of ["ADMIN", "COMPLIANCE_LEAD", "ENGINEER", "AUDITOR"] as const) {
    test(`a ${role.toLowerCase()} signs in through the form and sees their role`, async ({ page, factory }) => {
      const user = await factory.makeUser({ role, name: `Form ${role}` });
      await page.goto("/projects");
      await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fprojects/);
      await page.getByLabel("Email").fill(user.email);
      await page.getByLabel("Password").fill(user.password);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page).toHaveURL(/\/projects$/);
      await expect(page.getByTestId("current-user")).toHaveText(`Form ${role}`);
      const expectedNav =
        role === "ADMIN" ? ["Activity trail", "Users"] : role === "COMPLIANCE_LEAD" ? ["Activity trail"] : [];
      for (const label of ["Activity trail", "Users"]) {
        await expect(page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: label })).toHaveCount(
          expectedNav.includes(label) ? 1 : 0,
        );
      }
    });
  }

  test("a wrong password is refused with a clear message, and sign-out ends the session", async ({ page, factory }) => {
    const user = await factory.makeUser({ role: "ENGINEER" });
    await page.goto("/signin");
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("login-error")).toHaveText("The email or password is incorrect.");
    await page.getByLabel("Password").fill(user.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("current-user")).toBeVisible();
    await page.getByTestId("sign-out").click();
    await expect(page).toHaveURL(/\/signin\?reason=signed-out/);
    const res = await page.request.get("/api/v1/projects");
    expect(res.status()).toBe(401);
  });

  test("the wrong role is refused on the server: a page gets 403 and the API a problem", async ({
    page,
    signInAsNew,
  }) => {
    await signInAsNew(page, "ENGINEER");
    const response = await page.goto("/admin/users");
    expect(response?.status()).toBe(403);
    await expect(page.getByTestId("forbidden")).toContainText("You do not have access to this page");
    await expect(page.getByTestId("users-table")).toHaveCount(0);

    const api = await page.request.post("/api/v1/projects", { data: { name: "Not allowed" } });
    expect(api.status()).toBe(403);
    expect(api.headers()["content-type"]).toBe("application/problem+json");
    expect(await api.json()).toMatchObject({
      status: 403,
      detail: "Your role (Engineer) does not allow creating projects.",
    });
    const users = await page.request.get("/api/v1/users");
    expect(users.status()).toBe(403);
  });

  test("an auditor cannot write, even by calling the API directly", async ({ page, factory, signInAs }) => {
    const auditor = await factory.makeUser({ role: "AUDITOR" });
    const lead = await factory.makeUser({ role: "COMPLIANCE_LEAD" });
    const project = await factory.makeProject();
    const hidden = await factory.makeProject();
    await factory.makeAudit({ lead, projectIds: [project.id], auditors: [{ user: auditor }] });
    await signInAs(page, auditor);
    // Only the granted audit's project is visible at all.
    expect((await page.request.get(`/api/v1/projects/${hidden.slug}`)).status()).toBe(404);
    await page.goto(`/projects/${project.slug}`);
    await expect(page.getByTestId("project-name")).toHaveText(project.name);
    await expect(page.getByRole("link", { name: "Settings" })).toHaveCount(0);
    const rename = await page.request.patch(`/api/v1/projects/${project.slug}`, { data: { name: "Auditor was here" } });
    expect(rename.status()).toBe(403);
    expect((await page.request.get(`/api/v1/projects/${project.slug}`).then((r) => r.json())).name).toBe(project.name);
    expect((await page.goto(`/projects/${project.slug}/settings`))?.status()).toBe(403);
  });

  test("a deactivated user is locked out on their next request", async ({ page, browser, factory, signInAs }) => {
    const admin = await factory.makeUser({ role: "ADMIN" });
    const engineer = await factory.makeUser({ role: "ENGINEER", name: "Soon Gone" });
    const engineerContext = await browser.newContext();
    const engineerPage = await engineerContext.newPage();
    await signInAs(engineerPage, engineer);
    await engineerPage.goto("/projects");
    await expect(engineerPage.getByTestId("current-user")).toHaveText("Soon Gone");

    await signInAs(page, admin);
    await page.goto("/admin/users");
    const row = page.getByTestId(`user-row-${engineer.email}`);
    await row.getByRole("button", { name: "Deactivate" }).click();
    await expect(row).toContainText("Deactivated");

    await engineerPage.goto("/projects");
    await expect(engineerPage).toHaveURL(/\/signin\?reason=session/);
    await expect(engineerPage.getByTestId("signin-notice")).toContainText("Your session has ended");
    expect((await engineerPage.request.get("/api/v1/projects")).status()).toBe(401);
    // Signing in again is refused with a specific message.
    await engineerPage.getByLabel("Email").fill(engineer.email);
    await engineerPage.getByLabel("Password").fill(engineer.password);
    await engineerPage.getByRole("button", { name: "Sign in" }).click();
    await expect(engineerPage.getByTestId("login-error")).toContainText("deactivated");
    await engineerContext.close();
  });

  test("the last admin can be neither demoted nor deactivated", async ({ page, factory, signInAs }) => {
    const others = await factory.prisma.user.findMany({ where: { role: "ADMIN", active: true }, select: { id: true } });
    await factory.prisma.user.updateMany({ where: { id: { in: others.map((o) => o.id) } }, data: { active: false } });
    try {
      const admin = await factory.makeUser({ role: "ADMIN", name: "Only Admin" });
      await signInAs(page, admin);
      await page.goto("/admin/users");
      const row = page.getByTestId(`user-row-${admin.email}`);
      await row.getByRole("combobox", { name: "Role of Only Admin" }).selectOption("ENGINEER");
      await expect(page.getByTestId("user-update-error")).toContainText("Only Admin is the last active admin");
      await row.getByRole("button", { name: "Deactivate" }).click();
      await expect(page.getByTestId("user-update-error")).toContainText("last active admin");
      await page.reload();
      await expect(row.getByRole("combobox", { name: "Role of Only Admin" })).toHaveValue("ADMIN");
      await expect(row).toContainText("Active");
    } finally {
      await factory.prisma.user.updateMany({ where: { id: { in: others.map((o) => o.id) } }, data: { active: true } });
    }
  });
});
