import { randomBytes } from "node:crypto";
import type { RequestCtx } from "@/lib/auth/actor";
import { hashGitlabToken } from "@/lib/evidence/handle-gitlab-webhook";
import { replaceWebhookCredential } from "@/lib/evidence/webhook-credential";

export interface SetGitlabTokenOptions {
  ctx: RequestCtx;
  projectSlug: string;
}

/**
 * Creates (or replaces) the project's GitLab webhook token and returns it once, to paste into the
 * webhook's "Secret token" in GitLab. GitLab sends it back as it is (X-Gitlab-Token), so only its
 * SHA-256 is kept.
 */
export async function setGitlabToken({ ctx, projectSlug }: SetGitlabTokenOptions) {
  const { credential: token, webhookUrl } = await replaceWebhookCredential({
    ctx,
    projectSlug,
    provider: "gitlab",
    issue: () => {
      const token = `plgl_${randomBytes(32).toString("base64url")}`;
      return { credential: token, stored: hashGitlabToken(token).toString("hex") };
    },
  });
  return { token, webhookUrl };
}
