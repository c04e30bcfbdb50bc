import Link from "next/link";
import type { GroupMapping } from "@/lib/catalogue/get-framework";
import { countOf } from "@/lib/format";
import { DataTable } from "@/components/ui/data-table";

/**
 * Controls mapped to a group of a framework (usually a leaf that a newer catalogue version split into
 * points): each decides every requirement beneath the group. Listed with links to the group's row in
 * the tree and to each control, so that a lead can move the mapping down; a sentence when there are none.
 */
export function GroupMappings({ frameworkName, groups }: { frameworkName: string; groups: GroupMapping[] }) {
  return (
    <section className="card" aria-labelledby="group-mappings-title" data-testid="group-mappings">
      <h2 id="group-mappings-title">Controls mapped to a group</h2>
      {groups.length ? (
        <>
          <p className="small muted">
            A control mapped to a group decides every requirement beneath it, so one failing control holds them all
            back. This usually happens when a newer version of the catalogue splits a requirement into points: map each
            control to the points it really serves, then remove it from the group on the control&rsquo;s page.
          </p>
          <DataTable
            caption={`Groups of ${frameworkName} with controls mapped to them`}
            columns={["Group", "Controls mapped to it", "Requirements it decides"]}
          >
            {groups.map((g) => (
              <tr key={g.refId} data-testid={`group-mapping-${g.refId}`}>
                <th scope="row">
                  <a href={`#req-${encodeURIComponent(g.refId)}`}>
                    <span className="mono">{g.refId}</span> {g.title}
                  </a>
                </th>
                <td>
                  {g.controls.map((c, i) => (
                    <span key={c.key}>
                      {i ? ", " : ""}
                      <Link href={`/controls/${c.key}`} title={c.title}>
                        {c.key}
                      </Link>
                    </span>
                  ))}
                </td>
                <td>{countOf(g.decides, "requirement", "requirements")} beneath it</td>
              </tr>
            ))}
          </DataTable>
        </>
      ) : (
        <p className="small muted" data-testid="group-mappings-empty">
          None: every control is mapped to a requirement that is scored on its own.
        </p>
      )}
    </section>
  );
}
