"use client";
import { useState, type FormEvent } from "react";
import { FormActions } from "@/components/ui/form-actions";
import { useFormValues } from "@/components/ui/use-form-values";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { fieldErrors } from "@/lib/client/describe-error";
import { formatDateTime } from "@/lib/format";
import { Field, InputField } from "@/components/ui/field";
import { ErrorMessage, SuccessMessage } from "@/components/ui/error-message";
import { Badge } from "@/components/ui/badge";
import { useCreateUser, useUnlockUser, useUpdateUser, useUsers } from "@/components/users/use-users";
import type { UserDto } from "@/lib/dto/users";
import { DataTable } from "@/components/ui/data-table";
import { Card } from "@/components/ui/card";

const ROLES = Object.keys(ROLE_LABELS) as UserDto["role"][];

export function UsersAdmin({ currentUserId, canManage }: { currentUserId: string; canManage: boolean }) {
  const users = useUsers();
  const update = useUpdateUser();
  const unlock = useUnlockUser();

  return (
    <div className="stack">
      <ErrorMessage error={update.error} testId="user-update-error" />
      <ErrorMessage error={unlock.error} testId="user-unlock-error" />
      {users.isPending ? (
        <p className="muted">Loading users…</p>
      ) : users.error ? (
        <ErrorMessage error={users.error} />
      ) : (
        <DataTable
          testId="users-table"
          columns={["Name", "Email", "Role", "Status", "Last sign-in", canManage ? "Actions" : null]}
        >
          {users.data.map((u) => (
            <tr key={u.id} data-testid={`user-row-${u.email}`}>
              <td>
                {u.name}
                {u.id === currentUserId ? <span className="muted small"> (you)</span> : null}
              </td>
              <td className="small">{u.email}</td>
              <td>
                {canManage ? (
                  <select
                    aria-label={`Role of ${u.name}`}
                    value={u.role}
                    disabled={update.isPending}
                    onChange={(e) => update.mutate({ id: u.id, role: e.target.value as UserDto["role"] })}
                  >
                    {ROLES.map((r) => (
                      <option key={r} value={r}>
                        {ROLE_LABELS[r]}
                      </option>
                    ))}
                  </select>
                ) : (
                  ROLE_LABELS[u.role]
                )}
              </td>
              <td>
                {u.active ? <Badge tone="ok">Active</Badge> : <Badge tone="bad">Deactivated</Badge>}
                {u.signInLocked ? (
                  <>
                    {" "}
                    <Badge tone="bad">Sign-in locked</Badge>
                  </>
                ) : null}
              </td>
              <td className="small">
                {u.lastSignInAt ? formatDateTime(u.lastSignInAt) : <span className="muted">Never</span>}
              </td>
              {canManage ? (
                <td>
                  <button
                    type="button"
                    className={u.active ? "btn btn-small btn-danger" : "btn btn-small"}
                    disabled={update.isPending}
                    onClick={() => update.mutate({ id: u.id, active: !u.active })}
                  >
                    {u.active ? "Deactivate" : "Reactivate"}
                  </button>
                  {u.signInLocked ? (
                    <>
                      {" "}
                      <button
                        type="button"
                        className="btn btn-small"
                        data-testid={`unlock-${u.email}`}
                        disabled={unlock.isPending}
                        onClick={() => unlock.mutate(u.id)}
                      >
                        Unlock sign-in
                      </button>
                    </>
                  ) : null}
                </td>
              ) : null}
            </tr>
          ))}
        </DataTable>
      )}
      {canManage ? <CreateUserForm /> : null}
    </div>
  );
}

function CreateUserForm() {
  const create = useCreateUser();
  const {
    values: form,
    setValues: setForm,
    bind,
  } = useFormValues({
    name: "",
    email: "",
    role: "ENGINEER",
    password: "",
  });
  const [created, setCreated] = useState<string | null>(null);
  const errors = fieldErrors(create.error);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setCreated(null);
    create.mutate(
      { ...form, role: form.role as UserDto["role"] },
      {
        onSuccess: (u) => {
          setCreated(u.email);
          setForm({ name: "", email: "", role: "ENGINEER", password: "" });
        },
      },
    );
  }

  return (
    <Card title="Add a user" titleId="new-user-title">
      <form className="stack" onSubmit={onSubmit} data-testid="create-user-form" noValidate>
        <ErrorMessage error={create.error} />
        {created ? <SuccessMessage>{created} can now sign in with the password you set.</SuccessMessage> : null}
        <div className="form-row">
          <InputField label="Name" error={errors.name} type="text" {...bind("name")} required />
          <InputField label="Email" error={errors.email} type="email" {...bind("email")} required />
          <Field label="Role" error={errors.role}>
            <select {...bind("role")}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABELS[r]}
                </option>
              ))}
            </select>
          </Field>
          <InputField
            label="Initial password"
            hint="At least 10 characters. Share it privately."
            error={errors.password}
            type="password"
            autoComplete="new-password"
            {...bind("password")}
            required
          />
        </div>
        <FormActions submitLabel="Add user" pendingLabel="Adding…" pending={create.isPending} />
      </form>
    </Card>
  );
}
