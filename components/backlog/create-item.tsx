"use client";
import { useRouter } from "next/navigation";
import { ItemForm } from "@/components/backlog/item-form";
import { useCreateItem } from "@/components/backlog/use-backlog-item";

export function CreateItem({ project }: { project: string }) {
  const router = useRouter();
  const create = useCreateItem(project);
  return (
    <section className="card">
      <ItemForm
        withKey
        initial={{
          title: "",
          block: null,
          priority: null,
          status: "OPEN",
          body: "",
          ownerId: null,
          affectedFiles: [],
          verificationCommands: [],
          criteria: [],
        }}
        submitLabel="Add item"
        pending={create.isPending}
        error={create.error}
        onSubmit={(v) =>
          create.mutate(v, { onSuccess: (item) => router.push(`/projects/${project}/backlog/${item.id}`) })
        }
      />
    </section>
  );
}
