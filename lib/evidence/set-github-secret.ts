import { randomBytes } from "node:crypto";
import type { RequestCtx } from "@/lib/auth/actor";
import { githubSecretContext } from "@/lib/secrets/stored-secrets";
import { sealSecret } from "@/lib/secret-box";
import { replaceWebhookCredential } from "@/lib/evidence/webhook-credential";

export interface SetGithubSecretOptions {
  ctx: RequestCtx;
  projectSlug: string;
}

/**
 * Creates (or replaces) the project's GitHub webhook secret and returns it once, to paste into the
 * webhook's settings in GitHub. GitHub signs with it, so it cannot be hashed: it is stored sealed
 * (lib/secret-box.ts, AES-256-GCM with SECRETS_KEY).
 */
export async function setGithubSecret({ ctx, projectSlug }: SetGithubSecretOptions) {
  const { credential: secret, webhookUrl } = await replaceWebhookCredential({
    ctx,
    projectSlug,
    provider: "github",
    issue: (projectId) => {
      const secret = randomBytes(32).toString("hex");
      return { credential: secret, stored: sealSecret(secret, githubSecretContext(projectId)) };
    },
  });
  return { secret, webhookUrl };
}
