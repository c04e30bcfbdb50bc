// The document parser's thread (see lib/import/parse-off-thread.ts and docs/adr). Plain JavaScript
// on purpose: it is started by path with node:worker_threads, outside Next's bundles, and loads the
// TypeScript parser through tsx (a runtime dependency: `npm start` runs through it too).
import { parentPort } from "node:worker_threads";
import { tsImport } from "tsx/esm/api";

// One import, so that ImportRefusal is the class parseDocument throws (each tsImport loads its own copy).
const { parseDocument, ImportRefusal } = await tsImport("./parse-document.ts", import.meta.url);

parentPort.on("message", (job) => {
  try {
    const doc = parseDocument(job.bytes, job.options);
    parentPort.postMessage({ id: job.id, ok: true, doc });
  } catch (err) {
    if (err instanceof ImportRefusal)
      parentPort.postMessage({ id: job.id, ok: false, refusal: { code: err.code, message: err.message } });
    else
      parentPort.postMessage({
        id: job.id,
        ok: false,
        error: err instanceof Error ? err.stack || err.message : String(err),
      });
  }
});
parentPort.postMessage({ ready: true });
