import type { PacketData } from "@/lib/packets/packet-types";
import { renderChunk, type PageChrome, type PageSpec, type RenderedChunk } from "@/lib/packets/pdf/render-chunk";
import { coverPage, matrixSection, readinessSection, tocPage, type SectionPlan } from "@/lib/packets/pdf/sections-front";
import { controlSection } from "@/lib/packets/pdf/sections-controls";
import { activitySection, backlogSection, evidenceIndexSection, exceptionsSection, exercisesSection, populationsSection, requestsSection } from "@/lib/packets/pdf/sections-back";
import { RenderPool, renderProcesses } from "@/lib/packets/render-pool";
import { addOutline, appendChunk, createMergedDocument, stampChrome, type OutlineNode } from "@/lib/packets/pdf/assemble";

export interface RenderHooks {
  /** Called after each chunk with the share of chunks done (0..1). */
  onProgress?: (done: number, total: number) => Promise<void> | void;
  /** Throws to stop between chunks (a cancelled build). */
  checkpoint?: () => Promise<void> | void;
  /** Render processes (default: PACKET_RENDER_PROCESSES, or one per core up to 4); 0 renders in this process. */
  processes?: number;
}

/** Up to this many chunks, a packet renders in the worker itself rather than in render processes. */
const SMALL_PACKET_CHUNKS = 10;

export interface RenderedPdf {
  bytes: Buffer;
  pageCount: number;
  chunks: number;
  outline: OutlineNode[];
}

export function packetSections(data: PacketData): SectionPlan[] {
  return [
    readinessSection(data),
    matrixSection(data),
    controlSection(data),
    exceptionsSection(data),
    backlogSection(data),
    exercisesSection(data),
    requestsSection(data),
    populationsSection(data),
    evidenceIndexSection(data),
    activitySection(data),
  ];
}

/**
 * The packet PDF: every section rendered in chunks of a few dozen pages (bounded memory, see
 * docs/audits.md), each chunk copied into one merged document as soon as it is rendered; then the
 * table of contents (which needs every section's first page) goes in after the cover, and the page
 * numbers, bookmarks and metadata are added. Dates come from the data, never the clock.
 */
export async function renderPacketPdf(data: PacketData, hooks: RenderHooks = {}): Promise<RenderedPdf> {
  const date = new Date(data.dataAsOf);
  const meta = { title: `${data.audit.name}: auditor packet`, date };
  const sections = packetSections(data);
  const total = 2 + sections.reduce((n, sec) => n + sec.chunkCount, 0);
  let done = 0;
  const step = async () => {
    done += 1;
    await hooks.onProgress?.(done, total);
    await hooks.checkpoint?.();
  };

  const doc = await createMergedDocument({ title: meta.title, author: data.audit.lead, subject: `${data.audit.framework.name} audit, ${data.audit.windowStart} to ${data.audit.windowEnd}`, date });
  const cover = await renderChunk([coverPage(data)], meta);
  await appendChunk(doc, cover.bytes);
  const chrome: PageChrome[] = [...cover.chrome];
  await step();

  // Section chunks render in parallel (render-pool.ts) and are merged in order as they arrive; a few
  // are rendered ahead, no more, so memory stays bounded. Pages are numbered from 0 after the cover;
  // the contents go in between afterwards.
  const tasks = sections.flatMap((section, si) => Array.from({ length: section.chunkCount }, (_, ci) => ({ si, ci })));
  // A small packet renders faster here than it takes to start render processes.
  const processes = hooks.processes ?? (tasks.length > SMALL_PACKET_CHUNKS ? renderProcesses() : 0);
  const pool = processes > 0 ? new RenderPool(data, processes) : null;
  const start = (t: (typeof tasks)[number]) => (pool ? pool.render(t.si, t.ci) : renderChunk(sections[t.si].chunk(t.ci), meta));
  const ahead = Math.max(2, processes * 2);
  const pending: Array<Promise<RenderedChunk> | undefined> = tasks.slice(0, ahead).map(start);
  pending.forEach((p) => p?.catch(() => undefined)); // awaited in order below
  const starts = sections.map((section) => ({ section, page: 0, marks: [] as Array<{ title: string; page: number }> }));
  let page = 0;
  try {
    for (let i = 0; i < tasks.length; i++) {
      const rendered = (await pending[i])!;
      pending[i] = undefined; // let the bytes go once merged
      if (i + ahead < tasks.length) {
        const next = start(tasks[i + ahead]);
        next.catch(() => undefined);
        pending.push(next);
      }
      const entry = starts[tasks[i].si];
      if (tasks[i].ci === 0) entry.page = page;
      const added = await appendChunk(doc, rendered.bytes);
      chrome.push(...rendered.chrome);
      entry.marks.push(...rendered.marks.map((m) => ({ title: m.title, page: page + m.page })));
      page += added;
      await step();
    }
  } finally {
    pool?.close();
  }

  // The contents page(s): render once to learn how many pages they take, again if that changes the numbers.
  let tocPages = 1;
  let toc: RenderedChunk | undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    const entries = starts.map((s) => ({ title: s.section.title, page: 1 + tocPages + s.page + 1 }));
    toc = await renderChunk([tocPage(data, entries) as PageSpec], meta);
    if (toc.pageCount === tocPages) break;
    tocPages = toc.pageCount;
  }
  const inserted = await appendChunk(doc, toc!.bytes, 1);
  chrome.splice(1, 0, ...toc!.chrome);
  await step();

  const base = 1 + inserted; // cover + contents
  const outline: OutlineNode[] = [
    { title: "Cover", pageIndex: 0 },
    { title: "Contents", pageIndex: 1 },
    ...starts.map((s) => ({
      title: s.section.title,
      pageIndex: base + s.page,
      children: s.marks.map((m) => ({ title: m.title, pageIndex: base + m.page })),
    })),
  ];
  addOutline(doc, outline);
  await stampChrome(doc, chrome, `${data.audit.name} · generated ${data.dataAsOf.slice(0, 10)}`.replace(/[^\x20-\x7e·]/g, "?"));
  const bytes = Buffer.from(await doc.save({ useObjectStreams: true }));
  return { bytes, pageCount: doc.getPageCount(), chunks: total, outline };
}
