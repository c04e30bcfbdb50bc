// A GitHub webhook delivery, the way GitHub sends one: signed with the project's secret, posted to
// the project's webhook route. Shared by the integration tests of webhooks, alerts, secrets and stores.
import { createHmac } from "node:crypto";
import { POST as webhookRoute } from "@/app/api/v1/projects/[slug]/github/route";
import { call } from "@/tests/api";

/** The `x-hub-signature-256` value GitHub sends for `body` signed with `secret`. */
export function githubSignature(secret: string, body: string | Buffer<ArrayBuffer>): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

export interface GithubDelivery {
  slug: string;
  event: string;
  body: string | Buffer<ArrayBuffer>;
  deliveryId: string;
  /** The signature header: made with this secret, given as is, or left out (null). */
  sign: { secret: string } | { signature: string | null };
  contentType?: string;
}

export function deliverGithub(d: GithubDelivery) {
  const signature = "secret" in d.sign ? githubSignature(d.sign.secret, d.body) : d.sign.signature;
  return call(webhookRoute, {
    method: "POST",
    params: { slug: d.slug },
    rawBody: d.body,
    headers: {
      "x-github-event": d.event,
      "x-github-delivery": d.deliveryId,
      "content-type": d.contentType ?? "application/json",
      ...(signature ? { "x-hub-signature-256": signature } : {}),
    },
  });
}
