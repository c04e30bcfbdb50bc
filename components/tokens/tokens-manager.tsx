"use client";
import { useState, type FormEvent } from "react";
import { fieldErrors } from "@/lib/client/describe-error";
import { formatDate, formatRelative } from "@/lib/format";
import { Field } from "@/components/ui/field";
import { ErrorMessage } from "@/components/ui/error-message";
import { Badge } from "@/components/ui/badge";
import { OneTimeSecret } from "@/components/ui/one-time-secret";
import { useTokenActions, useTokens } from "@/components/tokens/use-tokens";
import type { TokensDto } from "@/lib/dto/tokens";
import { ACTIONS_COLUMN, DataTable } from "@/components/ui/data-table";
import { RevokeCell } from "@/components/tokens/revoke-cell";
import { FormCard } from "@/components/ui/card";

const SCOPES = [
  ["evidence:write", "Push evidence"],
  ["evidence:read", "Read evidence"],
  ["readiness:read", "Read readiness (CI gate)"],
] as const;

/** Project tokens: create (the secret is shown once), see last use, revoke. */
export function TokensManager({
  slug,
  initial,
  canManage,
  now,
}: {
  slug: string;
  initial: TokensDto;
  canManage: boolean;
  now: string;
}) {
  const tokens = useTokens(slug, initial);
  const { create, revoke } = useTokenActions(slug);
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<string[]>(["evidence:write"]);
  const [expires, setExpires] = useState("");
  const errors = fieldErrors(create.error);
  const items = tokens.data.items;

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    create.mutate(
      { name, scopes, expiresAt: expires ? `${expires}T23:59:59.000Z` : null },
      { onSuccess: () => setName("") },
    );
  }

  return (
    <div className="stack">
      <ErrorMessage error={tokens.error ?? revoke.error} />
      {items.length === 0 ? (
        <div className="empty" data-testid="tokens-empty">
          <h2>No tokens yet</h2>
          <p>
            A project token lets CI push evidence to this project (and only this one) with the Proofline CLI or plain
            curl.{canManage ? " Create one below." : ""}
          </p>
        </div>
      ) : (
        <DataTable
          testId="tokens-table"
          columns={["Name", "Scopes", "Created", "Expires", "Last used", "State", canManage ? ACTIONS_COLUMN : null]}
        >
          {items.map((t) => {
            const expired = t.expiresAt !== null && t.expiresAt <= now;
            return (
              <tr key={t.id} data-testid="token-row">
                <td>
                  {t.name} <span className="mono small muted">{t.prefix}…</span>
                </td>
                <td className="small">{t.scopes.join(", ")}</td>
                <td className="small">
                  {formatDate(t.createdAt)}
                  {t.createdBy ? <div className="muted">by {t.createdBy}</div> : null}
                </td>
                <td className="small">{t.expiresAt ? formatDate(t.expiresAt) : "never"}</td>
                <td className="small">{t.lastUsedAt ? formatRelative(t.lastUsedAt, new Date(now)) : "never"}</td>
                <td>
                  {t.revokedAt ? (
                    <Badge tone="bad">Revoked</Badge>
                  ) : expired ? (
                    <Badge tone="warn">Expired</Badge>
                  ) : (
                    <Badge tone="ok">Active</Badge>
                  )}
                </td>
                <RevokeCell token={t} revoke={revoke} canManage={canManage} />
              </tr>
            );
          })}
        </DataTable>
      )}
      {canManage ? (
        <FormCard
          title="New token"
          titleId="new-token-title"
          testId="token-form"
          onSubmit={onSubmit}
          error={create.error}
        >
          {create.data ? (
            <OneTimeSecret secret={create.data.secret} testId="token-secret" frameTestId="token-secret-shown">
              Copy this token now: it is shown only once. Store it as the CI secret <code>PROOFLINE_TOKEN</code>.
            </OneTimeSecret>
          ) : null}
          <Field label="Name" hint="What uses it, e.g. github-actions" error={errors.name}>
            <input type="text" value={name} maxLength={80} onChange={(e) => setName(e.target.value)} required />
          </Field>
          <fieldset className="stack">
            <legend>Scopes</legend>
            {SCOPES.map(([scope, label]) => (
              <label key={scope} className="row">
                <input
                  type="checkbox"
                  checked={scopes.includes(scope)}
                  onChange={(e) => setScopes(e.target.checked ? [...scopes, scope] : scopes.filter((s) => s !== scope))}
                />{" "}
                {label} <span className="mono small muted">{scope}</span>
              </label>
            ))}
            {errors.scopes ? <span className="error">{errors.scopes}</span> : null}
          </fieldset>
          <Field label="Expires on (optional)" error={errors.expiresAt}>
            <input type="date" value={expires} onChange={(e) => setExpires(e.target.value)} />
          </Field>
          <div>
            <button className="btn btn-primary" type="submit" disabled={create.isPending}>
              Create token
            </button>
          </div>
        </FormCard>
      ) : null}
    </div>
  );
}
