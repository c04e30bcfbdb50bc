"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { PRIORITIES, PRIORITY_LABELS } from "@/lib/backlog/priority";
import { usePeople } from "@/components/backlog/use-backlog-items";
import { hrefWith, NO_BLOCK } from "@/components/backlog/filter-url";
import type { BacklogFilters } from "@/components/backlog/query-keys";
import { FilterActions } from "@/components/ui/filter-actions";

/** The filter form. Applying it changes the address, which is what the lists and counts read. */
export function BacklogFiltersForm({ base, filters, view, blocks }: { base: string; filters: BacklogFilters; view: string; blocks: Array<string | null> }) {
  const router = useRouter();
  const people = usePeople();
  const [draft, setDraft] = useState<BacklogFilters>(filters);
  const set = (k: keyof BacklogFilters) => (e: { target: { value: string } }) => setDraft({ ...draft, [k]: e.target.value || undefined });

  function apply(e: FormEvent) {
    e.preventDefault();
    router.push(hrefWith(base, { ...draft, view }));
  }

  return (
    <form className="filters" onSubmit={apply} aria-label="Filter the backlog" data-testid="backlog-filters">
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
        <input id="bf-control" type="text" placeholder="e.g. BCK-02" value={draft.control ?? ""} onChange={set("control")} />
      </div>
      <FilterActions
        onClear={() => {
          setDraft({});
          router.push(hrefWith(base, { view }));
        }}
      />
    </form>
  );
}
