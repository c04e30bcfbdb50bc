// The child half of npm run bench:packet: runs in its own process, so that its peak memory (max
// RSS) is the build's alone. "build" runs the packet job as the worker does; "limit" draws the same
// packet's per-control pages as plainly as pdf-lib can (bench-limit.ts): the speed to aim at. Prints
// one line of JSON.
import { prisma, disconnectDb } from "@/lib/db";
import { runPacketBuild } from "@/lib/packets/run-packet-build";
import { loadPacketData } from "@/lib/packets/load-packet-data";
import { controlRuns } from "@/lib/packets/pdf/sections-controls";
import { drawRunsPlainly } from "@/lib/packets/bench-limit";
import { renderPoolStats } from "@/lib/packets/render-pool";
import { renderStats } from "@/lib/packets/render-packet-pdf";
import { lastBuildStages } from "@/lib/packets/build-packet-files";

async function main(mode: string, id: string) {
  let report: {
    pages: number;
    ms: number;
    renderMs?: number;
    detail: string;
    childRssMb?: number;
    processes?: number;
    stages?: typeof lastBuildStages;
    split?: string;
    fonts?: string;
  };
  if (mode === "build") {
    const t = performance.now();
    await runPacketBuild(id, () => undefined);
    const ms = performance.now() - t;
    const p = await prisma.packet.findUniqueOrThrow({ where: { id } });
    if (p.status !== "SUCCEEDED") throw new Error(`the build ended ${p.status}: ${p.error}`);
    const render = lastBuildStages.find((st) => st.stage === "Rendering the PDF");
    report = {
      pages: p.pageCount ?? 0,
      renderMs: render?.ms,
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
    // Every control's pages (head and whole evidence list), the same runs the packet draws, drawn and saved by pdf-lib alone.
    const t = performance.now();
    const drawn = await drawRunsPlainly(controlRuns(data).map((c) => c.run()));
    report = {
      pages: drawn.pages,
      ms: performance.now() - t,
      detail: `per-control pages, pdf-lib with standard fonts, ${(drawn.bytes / 1_048_576).toFixed(2)} MB`,
    };
  }
  await disconnectDb();
  console.log(JSON.stringify({ ...report, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
}

main(process.argv[2], process.argv[3]).catch((err) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
});
