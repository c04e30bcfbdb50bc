// Test helper: runs pathological cases (lib/import/testing/pathological-cases.ts) on this worker
// thread, so that the test can stop one that hangs (a regex running on the main thread cannot be
// interrupted). Loads the TypeScript through tsx, as the import parser's own worker does.
import { parentPort, workerData } from "node:worker_threads";
import { tsImport } from "tsx/esm/api";

const { CASES } = await tsImport(workerData.cases, import.meta.url);
parentPort.on("message", ({ name, n }) => {
  const c = CASES.find((x) => x.name === name);
  try {
    parentPort.postMessage({ name, n, summary: c.run(n) });
  } catch (err) {
    parentPort.postMessage({ name, n, error: err instanceof Error ? err.stack || err.message : String(err) });
  }
});
parentPort.postMessage({ ready: true });
