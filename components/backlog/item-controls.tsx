"use client";
import { LinkedControls } from "@/components/controls/linked-controls";
import { useItemMutation } from "@/components/backlog/use-backlog-item";
import type { BacklogItemDto } from "@/lib/dto/backlog";

/** The controls an item's work serves, with link and unlink. */
export function ItemControls({ item, canWrite }: { item: BacklogItemDto; canWrite: boolean }) {
  const slug = item.project.slug;
  const link = useItemMutation(slug, item.id, (control: string) => ({
    path: "/controls",
    method: "POST",
    body: { control },
  }));
  const unlink = useItemMutation(slug, item.id, (key: string) => ({
    path: `/controls/${encodeURIComponent(key)}`,
    method: "DELETE",
  }));
  return (
    <LinkedControls
      idPrefix="item"
      linked={item.controls}
      emptyText="Not linked to any control. Linking says which control this work helps prove."
      canWrite={canWrite}
      link={link}
      unlink={unlink}
      testId="item-controls"
    />
  );
}
