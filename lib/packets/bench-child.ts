// The child half of npm run bench:packet: runs in its own process, so that its peak memory (max
// RSS) is the build's alone. "build" runs the packet job as the worker does; "baseline" renders one
// chunk of the same packet plainly with react-pdf. Prints one line of JSON.
import { prisma, disconnectDb } from "@/lib/db";
import { runPacketBuild } from "@/lib/packets/run-packet-build";
import { loadPacketData } from "@/lib/packets/load-packet-data";
import { plainControlPages } from "@/lib/packets/pdf/sections-controls";
import { renderChunk } from "@/lib/packets/pdf/render-chunk";
import { renderPoolStats } from "@/lib/packets/render-pool";
import { renderStats } from "@/lib/packets/render-packet-pdf";
import { lastBuildStages } from "@/lib/packets/build-packet-files";

async function main(mode: string, id: string) {
  let report: { pages: number; ms: number; detail: string; childRssMb?: number; processes?: number; stages?: typeof lastBuildStages; split?: string; fonts?: string };
  if (mode === "build") {
    const t = performance.now();
    await runPacketBuild(id, () => undefined);
    const ms = performance.now() - t;
    const p = await prisma.packet.findUniqueOrThrow({ where: { id } });
    if (p.status !== "SUCCEEDED") throw new Error(`the build ended ${p.status}: ${p.error}`);
    report = {
      pages: p.pageCount ?? 0,
      ms,
      detail: `ZIP ${(Number(p.byteSize) / 1_048_576).toFixed(1)} MB, sha256 ${p.zipSha256?.slice(0, 16)}…; ${renderPoolStats.spawned} render process(es) started, at most ${renderPoolStats.maxConcurrent} at once`,
      childRssMb: renderPoolStats.peakChildRssMb,
      processes: renderPoolStats.maxConcurrent,
      stages: lastBuildStages,
      split: `${renderStats.reactPages} pages laid out by react-pdf (${renderStats.reactChunks} chunks), ${renderStats.directPages} drawn directly (${renderStats.directRuns} runs)`,
      fonts: `PDF ${(renderStats.pdfBytes / 1_048_576).toFixed(2)} MB, of which embedded fonts ${(renderStats.fontBytes / 1_048_576).toFixed(2)} MB (${renderStats.fontFiles} subsets)`,
    };
  } else {
    const audit = await prisma.audit.findUniqueOrThrow({ where: { id }, select: { leadId: true } });
    const data = await loadPacketData(id, audit.leadId);
    // One chunk's worth of the packet's per-control pages, laid out by react-pdf alone (head and
    // whole evidence table), in one plain render: what the build did for every page before direct tables.
    const chunk = plainControlPages(data);
    const t = performance.now();
    const rendered = await renderChunk(chunk, { title: "baseline", date: new Date(data.dataAsOf) });
    report = { pages: rendered.pageCount, ms: performance.now() - t, detail: "per-control pages, react-pdf only" };
  }
  await disconnectDb();
  console.log(JSON.stringify({ ...report, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
}

main(process.argv[2], process.argv[3]).catch((err) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
});
