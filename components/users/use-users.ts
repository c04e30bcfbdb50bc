"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/client/api";
import { keys } from "@/lib/client/query-keys";

export interface UserRow {
  id: string;
  email: string;
  name: string;
  role: "ADMIN" | "COMPLIANCE_LEAD" | "ENGINEER" | "AUDITOR";
  active: boolean;
  /** Locked by the sign-in throttle (too many attempts on the account); an admin can unlock it. */
  signInLocked: boolean;
  lastSignInAt: string | null;
  createdAt: string;
}

export function useUsers() {
  return useQuery({ queryKey: keys.users.list(), queryFn: () => apiFetch<{ items: UserRow[] }>("/api/v1/users").then((r) => r.items) });
}

export function useCreateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { email: string; name: string; role: UserRow["role"]; password: string }) => apiFetch<UserRow>("/api/v1/users", { method: "POST", body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.users.all }),
  });
}

export function useUpdateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; role?: UserRow["role"]; active?: boolean }) => apiFetch<UserRow>(`/api/v1/users/${id}`, { method: "PATCH", body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.users.all }),
  });
}

export function useUnlockUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<{ id: string; unlocked: boolean }>(`/api/v1/users/${id}/unlock`, { method: "POST" }),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.users.all }),
  });
}
