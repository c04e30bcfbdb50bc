import { spawn } from "node:child_process";
import { test, expect } from "./fixtures";

// Production mode (`next start`) must refuse to serve without a real session secret.
function startWithSecret(secret: string | undefined): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const env = { ...process.env };
    if (secret === undefined) delete env.NEXTAUTH_SECRET;
    else env.NEXTAUTH_SECRET = secret;
    const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", "0", "-H", "127.0.0.1"], {
      env,
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

test("production mode refuses to start without a real NEXTAUTH_SECRET, and says why", async () => {
  const missing = await startWithSecret(undefined);
  expect(missing.code).toBe(1);
  expect(missing.output).toContain("Proofline will not start in production mode: NEXTAUTH_SECRET is not set");
  const placeholder = await startWithSecret("change-me");
  expect(placeholder.code).toBe(1);
  expect(placeholder.output).toContain('NEXTAUTH_SECRET is the placeholder "change-me"');
});

test("API routes authenticate themselves (the proxy does not run for /api/): a token only where tokens are allowed", async ({
  request,
  factory,
}) => {
  const project = await factory.makeProject();
  const { newTokenSecret } = await import("../lib/tokens/token-secret");
  const { secret, prefix, hash } = newTokenSecret();
  await factory.prisma.apiToken.create({
    data: { projectId: project.id, name: "proxy-test", prefix, tokenHash: hash, scopes: ["backlog:read"] },
  });
  const auth = { authorization: `Bearer ${secret}` };
  const backlog = await request.get(`/api/v1/projects/${project.slug}/backlog`, { headers: auth });
  expect(backlog.status()).toBe(200);
  // A session-only route does not accept tokens: the route itself answers 401 problem+json.
  const users = await request.get("/api/v1/users", { headers: auth });
  expect(users.status()).toBe(401);
  expect(users.headers()["content-type"]).toBe("application/problem+json");
  // Without any credentials the route answers 401 itself (API routes are outside the proxy's matcher).
  const anonymous = await request.get(`/api/v1/projects/${project.slug}/backlog`);
  expect(anonymous.status()).toBe(401);
});
