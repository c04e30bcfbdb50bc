import Link from "next/link";
import { formatDateTime } from "@/lib/format";
import { DataTable } from "@/components/ui/data-table";

export interface DocumentSummary {
  id: string;
  key: string;
  title: string;
  filename: string | null;
  format: string;
  items: number;
  runbooks: number;
  versions: Array<{ id: string; sha256: string; byteSize: number; importedAt: Date }>;
}

/** The documents imported into a project, each with its versions (the source is kept). */
export function DocumentsList({ project, documents }: { project: string; documents: DocumentSummary[] }) {
  if (!documents.length)
    return (
      <p className="muted">No documents imported yet. The first import appears here, with every later version of it.</p>
    );
  return (
    <DataTable testId="documents" columns={["Document", "Format", "Items", "Runbooks", "Versions"]}>
      {documents.map((d) => (
        <tr key={d.id}>
          <td>
            <Link href={`/projects/${project}/import/documents/${d.id}`}>{d.title}</Link>
            {d.filename ? <div className="muted small">{d.filename}</div> : null}
          </td>
          <td className="small">{d.format}</td>
          <td>{d.items}</td>
          <td>{d.runbooks}</td>
          <td className="small">
            {d.versions.map((v, n) => (
              <div key={v.id}>
                <Link href={`/projects/${project}/import/documents/${d.id}?version=${v.id}`}>
                  {n === 0 ? "Latest" : `Earlier`}
                </Link>
                , {formatDateTime(v.importedAt)},{" "}
                <span className="mono" title={v.sha256}>
                  {v.sha256.slice(0, 12)}
                </span>
              </div>
            ))}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
