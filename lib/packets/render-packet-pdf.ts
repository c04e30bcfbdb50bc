import type { PacketData } from "@/lib/packets/packet-types";
import { renderChunk, type PageChrome, type PageSpec, type RenderedChunk } from "@/lib/packets/pdf/render-chunk";
import { coverPage, tocPage } from "@/lib/packets/pdf/sections-front";
import { packetSections } from "@/lib/packets/pdf/packet-sections";
import { RenderPool, renderProcesses } from "@/lib/packets/render-pool";
import { addOutline, appendChunk, copyChunk, createMergedDocument, type OutlineNode } from "@/lib/packets/pdf/assemble";
import { DirectWriter } from "@/lib/packets/pdf/direct";
import { pickChainsFor } from "@/lib/packets/pdf/fonts";
import { PDFDict, PDFName, PDFRawStream, type PDFDocument, type PDFPage } from "pdf-lib";

export interface RenderHooks {
  /** Called after each chunk with the share of chunks done (0..1). */
  onProgress?: (done: number, total: number) => Promise<void> | void;
  /** Throws to stop between chunks (a cancelled build). */
  checkpoint?: () => Promise<void> | void;
  /** Render processes (default: PACKET_RENDER_PROCESSES, or one per core up to 4); 0 renders in this process. */
  processes?: number;
}

/**
 * Up to this many react-pdf chunks (the long tables are not among them), a packet renders in the
 * worker itself: starting a render process costs more than it saves. Past it, the chunks render in
 * render processes while the worker draws the direct runs.
 */
const SMALL_PACKET_CHUNKS = 4;

/** What the last render in this process did (for npm run bench:packet). */
export const renderStats = {
  reactPages: 0,
  directPages: 0,
  reactChunks: 0,
  directRuns: 0,
  pdfBytes: 0,
  fontBytes: 0,
  fontFiles: 0,
};

/** The embedded font programs of a saved PDF: how many, and their bytes as stored (compressed). */
function fontFileBytes(doc: PDFDocument): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFDict) || obj.get(PDFName.of("Type"))?.toString() !== "/FontDescriptor") continue;
    for (const key of ["FontFile", "FontFile2", "FontFile3"]) {
      const file = obj.lookup(PDFName.of(key));
      if (file instanceof PDFRawStream) {
        files += 1;
        bytes += file.contents.length;
      }
    }
  }
  return { files, bytes };
}

export interface RenderedPdf {
  bytes: Buffer;
  pageCount: number;
  chunks: number;
  outline: OutlineNode[];
}

/** A rendered chunk whose pages were copied into the merged document and are put in place one PageSpec at a time. */
interface OpenChunk {
  rendered: RenderedChunk;
  pages: PDFPage[];
  /** First page of each PageSpec within the chunk. */
  offsets: number[];
  left: number;
}

/**
 * The packet PDF. Sections are react-pdf chunks of a few dozen pages (bounded memory, see
 * docs/audits.md), rendered in render processes and copied into one merged document as they
 * arrive, and runs drawn directly into it (the long tables: direct.ts), in the order each section
 * lists them. Then the table of contents (which needs every section's first page) goes in after the
 * cover, and the page numbers, bookmarks and metadata are added. Dates come from the data, never the clock.
 */
export async function renderPacketPdf(data: PacketData, hooks: RenderHooks = {}): Promise<RenderedPdf> {
  const date = new Date(data.dataAsOf);
  const meta = { title: `${data.audit.name}: auditor packet`, date };
  pickChainsFor(JSON.stringify(data));
  const sections = packetSections(data);
  const directRuns = sections.reduce((n, sec) => n + sec.items.filter((item) => item.kind === "direct").length, 0);
  const total = 2 + sections.reduce((n, sec) => n + sec.chunkCount, 0) + directRuns;
  let done = 0;
  const step = async () => {
    done += 1;
    await hooks.onProgress?.(done, total);
    await hooks.checkpoint?.();
  };

  const doc = await createMergedDocument({
    title: meta.title,
    author: data.audit.lead,
    subject: `${data.audit.framework.name} audit, ${data.audit.windowStart} to ${data.audit.windowEnd}`,
    date,
  });
  const writer = await DirectWriter.create(doc);
  Object.assign(renderStats, { reactPages: 0, directPages: 0, reactChunks: total - directRuns, directRuns });
  const cover = await renderChunk([coverPage(data)], meta);
  renderStats.reactPages += await appendChunk(doc, cover.bytes);
  const chrome: PageChrome[] = [...cover.chrome];
  await step();

  // react-pdf chunks render in parallel (render-pool.ts) while this process draws the direct runs;
  // a few chunks are rendered ahead, no more, so memory stays bounded. Pages are numbered from 0
  // after the cover; the contents go in between afterwards.
  const tasks = sections.flatMap((section, si) => Array.from({ length: section.chunkCount }, (_, ci) => ({ si, ci })));
  const taskOf = new Map(tasks.map((t, i) => [`${t.si}/${t.ci}`, i]));
  // A small packet renders faster here than it takes to start render processes.
  const processes = hooks.processes ?? (tasks.length > SMALL_PACKET_CHUNKS ? renderProcesses() : 0);
  const pool = processes > 0 ? new RenderPool(data, processes) : null;
  const start = (t: (typeof tasks)[number]) =>
    pool ? pool.render(t.si, t.ci) : renderChunk(sections[t.si].chunk(t.ci), meta);
  const ahead = Math.max(2, processes * 2);
  const pending: Array<Promise<RenderedChunk> | undefined> = tasks.slice(0, ahead).map(start);
  pending.forEach((p) => p?.catch(() => undefined)); // awaited in order below
  const open = new Map<number, OpenChunk>();
  const opened = async (ti: number): Promise<OpenChunk> => {
    const known = open.get(ti);
    if (known) return known;
    const rendered = (await pending[ti])!;
    pending[ti] = undefined; // let the bytes go once copied
    if (pending.length < tasks.length) {
      const next = start(tasks[pending.length]);
      next.catch(() => undefined);
      pending.push(next);
    }
    const pages = await copyChunk(doc, rendered.bytes);
    const offsets = rendered.specPages.map((_, j) => rendered.specPages.slice(0, j).reduce((n, c) => n + c, 0));
    const chunk = { rendered, pages, offsets, left: rendered.specPages.length };
    open.set(ti, chunk);
    return chunk;
  };

  const starts = sections.map((section) => ({ section, page: 0, marks: [] as Array<{ title: string; page: number }> }));
  let page = 0;
  try {
    for (const [si, section] of sections.entries()) {
      starts[si].page = page;
      for (const item of section.items) {
        if (item.kind === "direct") {
          if (item.mark) starts[si].marks.push({ title: item.mark.title, page });
          const written = writer.write(item.run());
          renderStats.directPages += written.pageCount;
          chrome.push(...written.chrome);
          page += written.pageCount;
          await step();
          continue;
        }
        const ti = taskOf.get(`${si}/${item.chunk}`)!;
        const chunk = await opened(ti);
        const from = chunk.offsets[item.spec];
        const count = chunk.rendered.specPages[item.spec];
        for (let k = 0; k < count; k++) doc.addPage(chunk.pages[from + k]);
        renderStats.reactPages += count;
        chrome.push(...chunk.rendered.chrome.slice(from, from + count));
        for (const m of chunk.rendered.marks)
          if (m.page >= from && m.page < from + count)
            starts[si].marks.push({ title: m.title, page: page + m.page - from });
        page += count;
        chunk.left -= 1;
        if (!chunk.left) {
          open.delete(ti);
          await step();
        }
      }
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
  renderStats.reactPages += inserted;
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
  writer.stamp(chrome, `${data.audit.name} · generated ${data.dataAsOf.slice(0, 10)}`);
  writer.finish();
  const bytes = Buffer.from(await doc.save({ useObjectStreams: true }));
  const fonts = fontFileBytes(doc);
  Object.assign(renderStats, { pdfBytes: bytes.length, fontBytes: fonts.bytes, fontFiles: fonts.files });
  return { bytes, pageCount: doc.getPageCount(), chunks: total, outline };
}
