"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/client/api";
import type { CreatedUserDto, UpdatedUserDto, UserDto } from "@/lib/dto/users";
import { keys } from "@/lib/client/query-keys";

export function useUsers() {
  return useQuery({
    queryKey: keys.users.list(),
    queryFn: () => apiFetch<{ items: UserDto[] }>("/api/v1/users").then((r) => r.items),
  });
}

export function useCreateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { email: string; name: string; role: UserDto["role"]; password: string }) =>
      apiFetch<CreatedUserDto>("/api/v1/users", { method: "POST", body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.users.all }),
  });
}

export function useUpdateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; role?: UserDto["role"]; active?: boolean }) =>
      apiFetch<UpdatedUserDto>(`/api/v1/users/${id}`, { method: "PATCH", body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.users.all }),
  });
}

export function useUnlockUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      apiFetch<{ id: string; unlocked: boolean }>(`/api/v1/users/${id}/unlock`, { method: "POST" }),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.users.all }),
  });
}
