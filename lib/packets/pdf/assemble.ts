import { PDFArray, PDFDict, PDFDocument, type PDFPage, PDFHexString, PDFName, PDFNumber, StandardFonts, rgb, type PDFRef } from "pdf-lib";
import { PAGE } from "@/lib/packets/pdf/styles";
import type { PageChrome } from "@/lib/packets/pdf/render-chunk";
import { columnWidths } from "@/lib/packets/pdf/direct";

export interface OutlineNode {
  title: string;
  pageIndex: number;
  children?: OutlineNode[];
}

/** A merged document that is independent of the clock: fixed dates, producer and ids from the data. */
export async function createMergedDocument(meta: { title: string; author: string; subject: string; date: Date }): Promise<PDFDocument> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.setTitle(meta.title);
  doc.setAuthor(meta.author);
  doc.setSubject(meta.subject);
  doc.setCreator("Proofline");
  doc.setProducer("Proofline (react-pdf, pdf-lib)");
  doc.setCreationDate(meta.date);
  doc.setModificationDate(meta.date);
  doc.setLanguage("en");
  return doc;
}

/** Copies every page of a rendered chunk into the merged document's objects (in one go, so they share their fonts), to be added in place by the caller. */
export async function copyChunk(doc: PDFDocument, bytes: Uint8Array): Promise<PDFPage[]> {
  const src = await PDFDocument.load(bytes, { updateMetadata: false });
  return doc.copyPages(src, src.getPageIndices());
}

/** Copies every page of a rendered chunk into the merged document, at `at` (default: the end). */
export async function appendChunk(doc: PDFDocument, bytes: Uint8Array, at?: number): Promise<number> {
  const pages = await copyChunk(doc, bytes);
  pages.forEach((page, i) => (at === undefined ? doc.addPage(page) : doc.insertPage(at + i, page)));
  return pages.length;
}

const GREY = rgb(0.42, 0.46, 0.53);
const RULE = rgb(0.77, 0.8, 0.83);
const HEAD_FILL = rgb(0.894, 0.91, 0.933);
const INK = rgb(0.106, 0.137, 0.188);

/**
 * The page chrome, drawn once into the merged document in the standard Helvetica (nothing embedded):
 * the running header at the top, the column header of a table that continues from the page before,
 * and the foot line with "Page x of y".
 */
export async function stampChrome(doc: PDFDocument, chrome: PageChrome[], label: string): Promise<void> {
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const pages = doc.getPages();
  const width = PAGE.width - 2 * PAGE.margin;
  pages.forEach((page, i) => {
    const { height } = page.getSize();
    const c = chrome[i];
    if (c?.running) {
      page.drawText(c.running, { x: PAGE.margin, y: height - PAGE.running, size: 7.5, font, color: GREY });
      page.drawLine({ start: { x: PAGE.margin, y: height - PAGE.running - 4 }, end: { x: PAGE.width - PAGE.margin, y: height - PAGE.running - 4 }, thickness: 0.5, color: RULE });
    }
    if (c?.columns?.length) {
      const top = height - PAGE.tableHeader;
      const widths = columnWidths(c.columns);
      page.drawRectangle({ x: PAGE.margin, y: top - PAGE.tableHeaderHeight, width, height: PAGE.tableHeaderHeight, color: HEAD_FILL });
      page.drawLine({ start: { x: PAGE.margin, y: top - PAGE.tableHeaderHeight }, end: { x: PAGE.width - PAGE.margin, y: top - PAGE.tableHeaderHeight }, thickness: 0.8, color: GREY });
      let x = PAGE.margin;
      c.columns.forEach((col, j) => {
        page.drawText(col.title, { x, y: top - 9.5, size: 8, font: bold, color: INK });
        x += widths[j];
      });
    }
    const text = `Page ${i + 1} of ${pages.length}`;
    page.drawText(text, { x: PAGE.width - PAGE.margin - font.widthOfTextAtSize(text, 7.5), y: PAGE.footer - 8, size: 7.5, font, color: GREY });
    page.drawText(label, { x: PAGE.margin, y: PAGE.footer - 8, size: 7.5, font, color: GREY });
  });
}

/** PDF bookmarks (the document outline), nested, each opening its page; shown when the file opens. */
export function addOutline(doc: PDFDocument, nodes: OutlineNode[]): void {
  const ctx = doc.context;
  const pageRefs = doc.getPages().map((p) => p.ref);
  const rootRef = ctx.nextRef();

  const build = (items: OutlineNode[], parentRef: PDFRef): { first: PDFRef; last: PDFRef; count: number } => {
    const refs = items.map(() => ctx.nextRef());
    let count = 0;
    items.forEach((item, i) => {
      const dict = ctx.obj({}) as PDFDict;
      dict.set(PDFName.of("Title"), PDFHexString.fromText(item.title));
      dict.set(PDFName.of("Parent"), parentRef);
      const dest = ctx.obj([pageRefs[Math.min(item.pageIndex, pageRefs.length - 1)], PDFName.of("Fit")]) as PDFArray;
      dict.set(PDFName.of("Dest"), dest);
      if (i > 0) dict.set(PDFName.of("Prev"), refs[i - 1]);
      if (i < items.length - 1) dict.set(PDFName.of("Next"), refs[i + 1]);
      if (item.children?.length) {
        const sub = build(item.children, refs[i]);
        dict.set(PDFName.of("First"), sub.first);
        dict.set(PDFName.of("Last"), sub.last);
        // Negative: children start closed (a long list of controls stays tidy).
        dict.set(PDFName.of("Count"), PDFNumber.of(-sub.count));
      }
      ctx.assign(refs[i], dict);
      count += 1;
    });
    return { first: refs[0], last: refs[refs.length - 1], count };
  };

  if (!nodes.length) return;
  const top = build(nodes, rootRef);
  const root = ctx.obj({}) as PDFDict;
  root.set(PDFName.of("Type"), PDFName.of("Outlines"));
  root.set(PDFName.of("First"), top.first);
  root.set(PDFName.of("Last"), top.last);
  root.set(PDFName.of("Count"), PDFNumber.of(top.count));
  ctx.assign(rootRef, root);
  doc.catalog.set(PDFName.of("Outlines"), rootRef);
  doc.catalog.set(PDFName.of("PageMode"), PDFName.of("UseOutlines"));
}
