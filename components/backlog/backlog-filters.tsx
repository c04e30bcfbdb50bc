"use client";
import { useRouter } from "next/navigation";
import { PRIORITIES, PRIORITY_LABELS } from "@/lib/backlog/priority";
import { usePeople } from "@/components/backlog/use-backlog-items";
import { hrefWith, NO_BLOCK } from "@/components/backlog/filter-url";
import type { BacklogFilters } from "@/components/backlog/query-keys";
import { FiltersForm } from "@/components/ui/filter-actions";
import { InputField } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { useFilterForm } from "@/components/ui/use-filter-form";

const STATUSES = [
  { value: "NOT_DONE", label: "Not done" },
  { value: "OPEN", label: "Open" },
  { value: "IN_PROGRESS", label: "In progress" },
  { value: "DONE", label: "Done" },
];

/** The filter form. Applying it changes the address, which is what the lists and counts read. */
export function BacklogFiltersForm({
  base,
  filters,
  view,
  blocks,
}: {
  base: string;
  filters: BacklogFilters;
  view: string;
  blocks: Array<string | null>;
}) {
  const router = useRouter();
  const people = usePeople();
  const form = useFilterForm<BacklogFilters>(
    {},
    {
      initial: filters,
      onApply: (applied) => router.push(hrefWith(base, { ...applied, view })),
      onClear: () => router.push(hrefWith(base, { view })),
    },
  );

  return (
    <FiltersForm form={form} label="Filter the backlog" testId="backlog-filters">
      <InputField label="Search" type="search" placeholder="title, key or text" {...form.bind("q")} />
      <SelectField
        label="Block"
        blank="Any"
        options={blocks.map((b) => ({ value: b ?? NO_BLOCK, label: b ?? "No block" }))}
        {...form.bind("block")}
      />
      <SelectField
        label="Priority"
        blank="Any"
        options={[
          ...PRIORITIES.map((p) => ({ value: p, label: PRIORITY_LABELS[p] })),
          { value: "NONE", label: "No priority" },
        ]}
        {...form.bind("priority")}
      />
      <SelectField label="Status" blank="Any" options={STATUSES} {...form.bind("status")} />
      <SelectField
        label="Owner"
        blank="Anyone"
        options={[
          { value: "none", label: "Nobody" },
          ...(people.data ?? []).map((p) => ({ value: p.id, label: p.name })),
        ]}
        {...form.bind("owner")}
      />
      <InputField label="Linked control" type="text" placeholder="e.g. BCK-02" {...form.bind("control")} />
    </FiltersForm>
  );
}
