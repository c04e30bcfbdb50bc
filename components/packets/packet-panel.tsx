"use client";
import { formatDateTime } from "@/lib/format";
import { ErrorMessage } from "@/components/ui/error-message";
import { Badge, type Tone } from "@/components/ui/badge";
import { usePacketAction, usePackets } from "@/components/packets/use-packets";
import type { PacketRowDto } from "@/lib/dto/packets";
import { DataTable } from "@/components/ui/data-table";

const STATUS: Record<PacketRowDto["status"], { label: string; tone: Tone }> = {
  QUEUED: { label: "Queued", tone: "muted" },
  RUNNING: { label: "Building", tone: "info" },
  SUCCEEDED: { label: "Ready", tone: "ok" },
  FAILED: { label: "Failed", tone: "bad" },
  CANCELLED: { label: "Cancelled", tone: "muted" },
};

function megabytes(bytes: string | null): string {
  return bytes ? `${(Number(bytes) / 1_048_576).toFixed(1)} MB` : "—";
}

/** Build the packet in the background, watch its progress, cancel it, download it when ready. */
export function PacketPanel({ auditId, canBuild }: { auditId: string; canBuild: boolean }) {
  const packets = usePackets(auditId);
  const build = usePacketAction(auditId, () => `/api/v1/audits/${auditId}/packets`);
  const cancel = usePacketAction(auditId, (id) => `/api/v1/audits/${auditId}/packets/${id}/cancel`);
  const rows = packets.data ?? [];
  const active = rows.find((p) => p.active);
  const latest = rows[0];
  return (
    <div className="stack">
      <ErrorMessage error={build.error ?? cancel.error ?? packets.error} />
      <section className="card stack" aria-labelledby="build-title" data-testid="packet-current">
        <h2 id="build-title">Auditor packet</h2>
        <p className="small muted">
          One ZIP: the PDF report, every evidence original effective inside the window, CSV exports, and a manifest of
          sha256 hashes signed with this deployment&apos;s key. It is built in the background; you can leave this page
          and come back.
        </p>
        {active ? (
          <div className="stack" data-testid="packet-progress">
            <label htmlFor="packet-progress-bar" className="label">
              {STATUS[active.status].label}: {active.stage ?? "waiting"}
            </label>
            <progress
              id="packet-progress-bar"
              style={{ width: "100%", height: "1rem" }}
              max={100}
              value={Math.round(active.progress * 100)}
              aria-valuetext={`${Math.round(active.progress * 100)} percent`}
            />
            <span className="small" data-testid="packet-percent">
              {Math.round(active.progress * 100)}%
            </span>
            {canBuild ? (
              <div>
                <button
                  type="button"
                  className="btn btn-danger"
                  disabled={cancel.isPending || !!active.cancelRequestedAt}
                  onClick={() => cancel.mutate(active.id)}
                >
                  {active.cancelRequestedAt ? "Cancelling…" : "Cancel build"}
                </button>
              </div>
            ) : null}
          </div>
        ) : (
          <>
            {latest?.status === "FAILED" ? (
              <div className="alert alert-error" role="alert" data-testid="packet-failed">
                The last build failed: {latest.error}
              </div>
            ) : null}
            {latest?.downloadable ? (
              <div className="alert alert-ok" data-testid="packet-ready">
                Ready: {latest.pageCount} pages, {megabytes(latest.byteSize)}, data as of{" "}
                {formatDateTime(latest.dataAsOf)}.{" "}
                <a
                  href={`/api/v1/audits/${auditId}/packets/${latest.id}/download`}
                  download
                  data-testid="packet-download"
                >
                  Download the packet
                </a>
                <div className="small mono">sha256 {latest.zipSha256}</div>
              </div>
            ) : null}
            {canBuild ? (
              <div>
                <button
                  type="button"
                  className="btn btn-primary"
                  disabled={build.isPending}
                  onClick={() => build.mutate(undefined)}
                  data-testid="build-packet"
                >
                  {build.isPending ? "Queueing…" : latest ? "Build a new packet" : "Build the packet"}
                </button>
              </div>
            ) : null}
          </>
        )}
      </section>
      {rows.length ? (
        <section aria-labelledby="history-title">
          <h2 id="history-title">Builds</h2>
          <DataTable
            testId="packets-table"
            columns={[
              "Requested",
              "By",
              "Status",
              { label: "Pages", className: "num" },
              { label: "Size", className: "num" },
              "File",
            ]}
          >
            {rows.map((p) => (
              <tr key={p.id}>
                <td className="small">{formatDateTime(p.createdAt)}</td>
                <td className="small">{p.requestedBy}</td>
                <td>
                  <Badge tone={STATUS[p.status].tone}>{STATUS[p.status].label}</Badge>
                  {p.status === "FAILED" ? <div className="small">{p.error}</div> : null}
                </td>
                <td className="num">{p.pageCount ?? "—"}</td>
                <td className="num">{megabytes(p.byteSize)}</td>
                <td>
                  {p.downloadable ? <a href={`/api/v1/audits/${auditId}/packets/${p.id}/download`}>Download</a> : "—"}
                </td>
              </tr>
            ))}
          </DataTable>
        </section>
      ) : (
        <p className="muted">No packet has been built for this audit yet.</p>
      )}
    </div>
  );
}
