import { Document, Font, Page, pdf } from "@react-pdf/renderer";
import type { ReactNode } from "react";
import { s } from "@/lib/packets/pdf/styles";
import { pdfSafe } from "@/lib/packets/pdf/text";
import { FACES } from "@/lib/packets/pdf/fonts";
import type { Column } from "@/lib/packets/pdf/table";

// The packet's fonts (fonts.ts): react-pdf reads each file when a page first uses its family, and
// embeds only the glyphs used.
for (const f of Object.values(FACES)) Font.register({ family: f.family, src: f.file, fontWeight: f.weight });

/**
 * A react-pdf font object carries state from one render to the next (fontkit's glyph and layout
 * caches, read with the characters they were first made for): a chunk rendered after others in the
 * same process lost the first glyph of some runs and some ToUnicode entries, and differed from the
 * same chunk rendered in a fresh process. So every chunk starts from freshly read faces (react-pdf
 * reads a face again when its source holds no data): what a chunk contains never depends on what the
 * process rendered before. Costs a few tens of milliseconds per face per chunk.
 */
function freshFaces(): void {
  const ours = new Set(Object.values(FACES).map((f) => f.family));
  for (const [name, family] of Object.entries(Font.getRegisteredFonts())) {
    if (!ours.has(name)) continue;
    for (const source of (family as unknown as { sources: Array<{ data: unknown; loadResultPromise: unknown }> })
      .sources) {
      source.data = null;
      source.loadResultPromise = null;
    }
  }
}

// Words are never hyphenated: a packet is searched and read by tools (pdftotext, grep), and a sha256
// or an identifier split across lines would no longer be found.
Font.registerHyphenationCallback((word) => [word]);

/** One <Page> of a chunk: content that flows over as many pages as it needs, from a fresh page. */
export interface PageSpec {
  /** Marks where this content starts: a bookmark under its section (e.g. one per control). */
  mark?: { id: string; title: string };
  /** The running header of its pages (stamped by the worker after merging). */
  running: string;
  /** When the content is one long table: its columns, stamped atop each page it continues on. */
  columns?: Column[];
  content: ReactNode;
}

/** What the worker stamps on a page: the running header, and the table header of a continued table. */
export interface PageChrome {
  running: string;
  columns: Column[] | null;
}

export interface ChunkMeta {
  title: string;
  /** Fixed, from the data: the chunk's own dates never reach the merged file, but keep it stable anyway. */
  date: Date;
}

export interface RenderedChunk {
  bytes: Buffer;
  pageCount: number;
  /** Where each marked PageSpec starts, 0-based within the chunk. */
  marks: Array<{ id: string; title: string; page: number }>;
  /** Per page of the chunk, in order. */
  chrome: PageChrome[];
  /** How many pages each PageSpec took, in order (they follow each other). */
  specPages: number[];
}

/**
 * Renders a few dozen pages with react-pdf's new pagination engine (the `layout` prop opts in). The
 * layout callback draws nothing (page chrome drawn by react-pdf costs time on every page; the worker
 * stamps it instead) but, on its final pass, reports which PageSpec each page belongs to and where
 * each starts: that is how the merged document gets its contents, bookmarks and running headers.
 */
export function renderChunk(pages: PageSpec[], meta: ChunkMeta): Promise<RenderedChunk> {
  const run = queue.then(() => renderNow(pages, meta));
  queue = run.catch(() => undefined);
  return run;
}

/**
 * Chunks of one process render one after another. react-pdf keeps its fonts in one store per process,
 * and `freshFaces` empties that store when a chunk starts: a chunk that started while another was
 * still laying out took the other's faces away mid-layout, and that one drew some runs in Helvetica
 * (the worker renders two chunks ahead, so a small packet rendered in-process differed from one build
 * to the next, depending on when the font files finished reading). Rendering in turn costs nothing:
 * layout is synchronous work on one thread either way.
 */
let queue: Promise<unknown> = Promise.resolve();

async function renderNow(pages: PageSpec[], meta: ChunkMeta): Promise<RenderedChunk> {
  const starts = new Map<number, number>();
  const owners = new Map<number, { spec: number; sub: number }>();
  let total = 0;
  const doc = (
    <Document
      title={pdfSafe(meta.title)}
      producer="Proofline"
      creator="Proofline"
      creationDate={meta.date}
      modificationDate={meta.date}
    >
      {pages.map((spec, index) => (
        <Page
          key={index}
          size="A4"
          style={s.page}
          layout={({ children, pageNumber, totalPages, subPageNumber }) => {
            if (totalPages !== undefined && pageNumber !== undefined) {
              total = totalPages;
              owners.set(pageNumber - 1, { spec: index, sub: subPageNumber ?? 1 });
              if (subPageNumber === 1) starts.set(index, pageNumber - 1);
            }
            return <>{children}</>;
          }}
        >
          {spec.content}
        </Page>
      ))}
    </Document>
  );
  // pdf() rather than renderToBuffer(): its container can be emptied afterwards, which lets the
  // chunk's element and layout trees go sooner.
  freshFaces();
  const instance = pdf(doc);
  const parts: Buffer[] = [];
  for await (const part of await instance.toBuffer()) parts.push(part as Buffer);
  await new Promise<void>((resolve) => instance.updateContainer(null as never, () => resolve()));
  const bytes = Buffer.concat(parts);
  const marks = pages.flatMap((spec, index) => (spec.mark ? [{ ...spec.mark, page: starts.get(index) ?? 0 }] : []));
  const chrome = Array.from({ length: total }, (_, page) => {
    const owner = owners.get(page) ?? { spec: 0, sub: 1 };
    const spec = pages[owner.spec];
    return { running: pdfSafe(spec.running), columns: owner.sub > 1 && spec.columns ? spec.columns : null };
  });
  const specPages = pages.map(() => 0);
  for (let page = 0; page < total; page++) specPages[owners.get(page)?.spec ?? 0] += 1;
  return { bytes, pageCount: total, marks, chrome, specPages };
}
