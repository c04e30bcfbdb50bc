"use client";
import type { ReactNode } from "react";
import { ErrorMessage } from "@/components/ui/error-message";
import { OneTimeSecret } from "@/components/ui/one-time-secret";

// A project's webhook from a code host: where to add it, whether its shared secret is set, and a button
// that creates (or replaces) the secret and shows it once.

export function WebhookCard({
  id,
  host,
  word,
  instructions,
  status,
  configured,
  canManage,
  create,
}: {
  /** "github" or "gitlab": the prefix of ids and test ids. */
  id: string;
  /** The code host's name, e.g. "GitHub". */
  host: string;
  /** What the host calls the shared secret: "secret" or "token". */
  word: string;
  instructions: ReactNode;
  /** Whether one is set, and since when. */
  status: string;
  configured: boolean;
  canManage: boolean;
  create: { error: unknown; isPending: boolean; mutate: () => void; secret: string | undefined };
}) {
  return (
    <section className="card stack" aria-labelledby={`${id}-title`} data-testid={`${id}-webhook`}>
      <h3 id={`${id}-title`}>{host} webhook</h3>
      <p className="small">{instructions}</p>
      <p className="small">{status}</p>
      <ErrorMessage error={create.error} />
      {create.secret ? (
        <OneTimeSecret secret={create.secret} testId={`${id}-${word}`}>
          Paste this {word} into the webhook in {host} now: it is shown only once.
        </OneTimeSecret>
      ) : null}
      {canManage ? (
        <div>
          <button className="btn" type="button" disabled={create.isPending} onClick={() => create.mutate()}>
            {configured ? `Replace the ${word}` : `Create a ${word}`}
          </button>
        </div>
      ) : null}
    </section>
  );
}
