import { PDFArray, PDFDict, PDFDocument, type PDFPage, PDFHexString, PDFName, PDFNumber, type PDFRef } from "pdf-lib";

export interface OutlineNode {
  title: string;
  pageIndex: number;
  children?: OutlineNode[];
}

/** A merged document that is independent of the clock: fixed dates, producer and ids from the data. */
export async function createMergedDocument(meta: {
  title: string;
  author: string;
  subject: string;
  date: Date;
}): Promise<PDFDocument> {
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
