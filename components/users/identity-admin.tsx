"use client";
import { useState, type FormEvent } from "react";
import { FormActions } from "@/components/ui/form-actions";
import { useFormValues } from "@/components/ui/use-form-values";
import { fieldErrors } from "@/lib/client/describe-error";
import { formatDateTime } from "@/lib/format";
import { Field } from "@/components/ui/field";
import { ErrorMessage, SuccessMessage } from "@/components/ui/error-message";
import { Badge } from "@/components/ui/badge";
import {
  useAuditChoices,
  useCreateScimToken,
  useInviteAuditor,
  useRevokeScimToken,
  useScimTokens,
} from "@/components/users/use-identity";
import { DAY_MS } from "@/lib/core/time";
import { DataTable } from "@/components/ui/data-table";
import { RevokeCell } from "@/components/tokens/revoke-cell";
import { Card } from "@/components/ui/card";

/** The users page's access review export: a plain GET form, so the browser downloads the CSV itself. */
export function AccessReviewExport() {
  const today = new Date().toISOString().slice(0, 10);
  return (
    <Card title="User access review" titleId="access-review-title">
      <p className="muted small">
        Every active account on a day, with its role and since when (SOC 2 CC6.2, CC6.3), as CSV. The export is recorded
        in the activity trail.
      </p>
      <form className="form-row" method="get" action="/api/v1/users/access-review" data-testid="access-review-form">
        <Field label="As of (end of day, UTC)">
          <input type="date" name="asOf" defaultValue={today} max={today} required />
        </Field>
        <div>
          <button className="btn" type="submit">
            Download CSV
          </button>
        </div>
      </form>
    </Card>
  );
}

/** SCIM bearer tokens: the secret is shown once, right after creation. */
export function ScimTokens({ canManage }: { canManage: boolean }) {
  const tokens = useScimTokens();
  const create = useCreateScimToken();
  const revoke = useRevokeScimToken();
  const [name, setName] = useState("");
  const [secret, setSecret] = useState<string | null>(null);
  const errors = fieldErrors(create.error);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setSecret(null);
    create.mutate({ name }, { onSuccess: (t) => (setSecret(t.secret), setName("")) });
  }

  return (
    <Card title="SCIM provisioning" titleId="scim-title">
      <p className="muted small">
        Identity providers (Okta, Entra ID) create, update and deactivate users and groups at <code>/scim/v2</code> with
        a bearer token from here. Groups named in OIDC_ROLE_MAP give their members a role.
      </p>
      <ErrorMessage error={tokens.error ?? revoke.error} />
      {tokens.data?.length ? (
        <DataTable
          testId="scim-tokens"
          columns={["Name", "Starts with", "Created", "Last used", "Status", canManage ? "Actions" : null]}
        >
          {tokens.data.map((t) => (
            <tr key={t.id}>
              <td>{t.name}</td>
              <td className="small">
                <code>{t.prefix}…</code>
              </td>
              <td className="small">{formatDateTime(t.createdAt)}</td>
              <td className="small">
                {t.lastUsedAt ? formatDateTime(t.lastUsedAt) : <span className="muted">Never</span>}
              </td>
              <td>{t.revokedAt ? <Badge tone="bad">Revoked</Badge> : <Badge tone="ok">Active</Badge>}</td>
              <RevokeCell token={t} revoke={revoke} canManage={canManage} />
            </tr>
          ))}
        </DataTable>
      ) : tokens.isPending ? null : (
        <p className="muted small">No SCIM token yet.</p>
      )}
      {canManage ? (
        <form className="stack" onSubmit={onSubmit} noValidate data-testid="scim-token-form">
          <ErrorMessage error={create.error} />
          {secret ? (
            <SuccessMessage testId="scim-token-secret">
              Copy this token into the identity provider now; it is not shown again: <code>{secret}</code>
            </SuccessMessage>
          ) : null}
          <div className="form-row">
            <Field label="Token name" hint="E.g. the identity provider it is for." error={errors.name}>
              <input type="text" value={name} onChange={(e) => setName(e.target.value)} required />
            </Field>
            <div>
              <button className="btn" type="submit" disabled={create.isPending}>
                Create SCIM token
              </button>
            </div>
          </div>
        </form>
      ) : null}
    </Card>
  );
}

/** Invite an outside auditor to an audit; the one-time link is shown to pass on (there is no mail server). */
export function InviteAuditor() {
  const audits = useAuditChoices();
  const invite = useInviteAuditor();
  const { values: form, bind } = useFormValues(() => ({
    auditId: "",
    email: "",
    name: "",
    expiresAt: new Date(Date.now() + 30 * DAY_MS).toISOString().slice(0, 10),
  }));
  const [result, setResult] = useState<{ email: string; link: string | null } | null>(null);
  const errors = fieldErrors(invite.error);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setResult(null);
    const auditId = form.auditId || audits.data?.[0]?.id || "";
    invite.mutate({ ...form, auditId }, { onSuccess: (r) => setResult({ email: form.email, link: r.link }) });
  }

  return (
    <Card title="Invite an auditor" titleId="invite-title">
      <p className="muted small">
        Auditors are outside the company, so they sign in with a password. They set it through a one-time link that
        works for 72 hours.
      </p>
      <form className="stack" onSubmit={onSubmit} noValidate data-testid="invite-auditor-form">
        <ErrorMessage error={invite.error ?? audits.error} />
        {result ? (
          <SuccessMessage testId="invite-link">
            {result.link ? (
              <>
                Send this link to {result.email} (it is shown once): <code>{result.link}</code>
              </>
            ) : (
              <>{result.email} already has a password; the audit is granted.</>
            )}
          </SuccessMessage>
        ) : null}
        <div className="form-row">
          <Field label="Audit" error={errors.auditId}>
            <select {...bind("auditId")} value={form.auditId || audits.data?.[0]?.id || ""}>
              {(audits.data ?? []).map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Auditor's name" error={errors.name}>
            <input type="text" {...bind("name")} required />
          </Field>
          <Field label="Auditor's email" error={errors.email}>
            <input type="email" {...bind("email")} required />
          </Field>
          <Field label="Access until" error={errors.expiresAt}>
            <input type="date" {...bind("expiresAt")} required />
          </Field>
        </div>
        <FormActions
          plain
          submitLabel="Invite auditor"
          pendingLabel="Inviting…"
          pending={invite.isPending}
          disabled={!audits.data?.length}
        />
      </form>
    </Card>
  );
}
