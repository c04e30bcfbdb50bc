"use client";
import { useRouter } from "next/navigation";
import { PRIORITIES, PRIORITY_LABELS } from "@/lib/backlog/priority";
import { usePeople } from "@/components/backlog/use-backlog-items";
import { hrefWith, NO_BLOCK } from "@/components/backlog/filter-url";
import type { BacklogFilters } from "@/components/backlog/query-keys";
import { FilterActions } from "@/components/ui/filter-actions";
import { useFilterForm } from "@/components/ui/use-filter-form";

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
  const { draft, set } = form;

  return (
    <form className="filters" onSubmit={form.apply} aria-label="Filter the backlog" data-testid="backlog-filters">
      <div className="field">
        <label htmlFor="bf-q">Search</label>
        <input id="bf-q" type="search" placeholder="title, key or text" value={draft.q ?? ""} onChange={set("q")} />
      </div>
      <div className="field">
        <label htmlFor="bf-block">Block</label>
        <select id="bf-block" value={draft.block ?? ""} onChange={set("block")}>
          <option value="">Any</option>
          {blocks.map((b) => (
            <option key={b ?? NO_BLOCK} value={b ?? NO_BLOCK}>
              {b ?? "No block"}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="bf-priority">Priority</label>
        <select id="bf-priority" value={draft.priority ?? ""} onChange={set("priority")}>
          <option value="">Any</option>
          {PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {PRIORITY_LABELS[p]}
            </option>
          ))}
          <option value="NONE">No priority</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="bf-status">Status</label>
        <select id="bf-status" value={draft.status ?? ""} onChange={set("status")}>
          <option value="">Any</option>
          <option value="NOT_DONE">Not done</option>
          <option value="OPEN">Open</option>
          <option value="IN_PROGRESS">In progress</option>
          <option value="DONE">Done</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="bf-owner">Owner</label>
        <select id="bf-owner" value={draft.owner ?? ""} onChange={set("owner")}>
          <option value="">Anyone</option>
          <option value="none">Nobody</option>
          {(people.data ?? []).map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="bf-control">Linked control</label>
        <input
          id="bf-control"
          type="text"
          placeholder="e.g. BCK-02"
          value={draft.control ?? ""}
          onChange={set("control")}
        />
      </div>
      <FilterActions onClear={form.clear} />
    </form>
  );
}
