import Link from "next/link";
import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth/session";
import { requestNow } from "@/lib/clock";
import { InvalidInputError } from "@/lib/errors";
import { links } from "@/lib/readiness/links";
import { listReadinessControls } from "@/lib/readiness/list-readiness-controls";
import type { ControlState } from "@/lib/readiness/types";
import { STATE_LABELS } from "@/lib/readiness/describe-reason";
import { StateLabel } from "@/components/readiness/state-label";
import { orNotFound } from "@/lib/core/page-data";
import { DataTable } from "@/components/ui/data-table";

export const metadata: Metadata = { title: "Controls by readiness" };

const STATES = Object.keys(STATE_LABELS) as ControlState[];
type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (typeof v === "string" && v ? v : undefined);

/** The controls behind a number: those in one state, or sharing one cause, with their reasons. */
export default async function ReadinessControlsPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Search>;
}) {
  const { slug } = await params;
  const sp = await searchParams;
  const ctx = await requirePermission("readiness:read");
  const now = await requestNow();
  const stateParam = one(sp.state);
  const state = STATES.includes(stateParam as ControlState) ? (stateParam as ControlState) : undefined;
  const framework = one(sp.framework);
  const cause = one(sp.cause);
  const list = await orNotFound(
    listReadinessControls({ ctx, slug, now, framework, state, cause, after: one(sp.after), limit: 50 }),
    InvalidInputError,
  );
  const filterHref = (s?: ControlState) => links.readinessControls(slug, { state: s, framework });
  return (
    <div className="stack" data-testid="readiness-controls">
      <h2>
        {state ? `${STATE_LABELS[state]} controls` : cause ? "Controls held back by one cause" : "All controls"}
        {framework ? ` (${framework})` : ""}: {list.total}
      </h2>
      {stateParam && !state ? (
        <div className="alert alert-error" role="alert">
          &ldquo;{stateParam}&rdquo; is not a control state; showing every control. Choose one of:{" "}
          {STATES.map((s) => STATE_LABELS[s].toLowerCase()).join(", ")}.
        </div>
      ) : null}
      <nav className="row small" aria-label="Filter by state" style={{ gap: "0.75rem", flexWrap: "wrap" }}>
        <Link href={filterHref()} aria-current={!state && !cause ? "page" : undefined}>
          All
        </Link>
        {STATES.map((s) => (
          <Link key={s} href={filterHref(s)} aria-current={state === s ? "page" : undefined}>
            {STATE_LABELS[s]}
          </Link>
        ))}
      </nav>
      {list.items.length === 0 ? (
        <p className="muted">
          No control matches:{" "}
          {state
            ? `none is ${STATE_LABELS[state].toLowerCase()} right now.`
            : "nothing is held back by this cause any more."}
        </p>
      ) : (
        <DataTable columns={["Control", "State", "Why", "Holds back"]}>
          {list.items.map((c) => (
            <tr key={c.key} data-testid="readiness-control-row">
              <td>
                <Link href={c.href} className="mono">
                  {c.key}
                </Link>{" "}
                {c.title}
              </td>
              <td>
                <StateLabel state={c.state} />
              </td>
              <td className="small">
                {c.reasons.length
                  ? c.reasons.map((r, i) => (
                      <div key={i}>
                        <Link href={r.href}>{r.sentence}</Link>
                      </div>
                    ))
                  : "—"}
              </td>
              <td className="small">
                {c.holdsBack.length
                  ? c.holdsBack.map((r, i) => (
                      <span key={`${r.framework}/${r.refId}`}>
                        {i ? ", " : ""}
                        <Link href={r.href}>{r.refId}</Link>
                      </span>
                    ))
                  : "—"}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <div className="pager">
        <span>
          {list.items.length} of {list.total} shown
        </span>
        {list.nextAfter ? (
          <Link
            className="btn"
            href={`${links.readinessControls(slug, { state, cause, framework })}${state || cause || framework ? "&" : "?"}after=${encodeURIComponent(list.nextAfter)}`}
          >
            Next page
          </Link>
        ) : null}
      </div>
    </div>
  );
}
