// A packet render process (see render-pool.ts): receives the packet's data once, then renders the
// chunks it is asked for and sends back their bytes, page counts and marks. Runs niced, so the web
// server on the same machine keeps its priority.
import { packetSections } from "@/lib/packets/pdf/packet-sections";
import { renderChunk } from "@/lib/packets/pdf/render-chunk";
import type { SectionPlan } from "@/lib/packets/pdf/sections-front";
import { pickChainsFor } from "@/lib/packets/pdf/fonts";
import type { ChildMessage, ParentMessage } from "@/lib/packets/render-messages";

let ready: SectionPlan[] | undefined;
let date = new Date(0);
let title = "";

process.on("message", async (msg: ChildMessage) => {
  if (msg.type === "data") {
    const data = msg.data;
    pickChainsFor(JSON.stringify(data)); // the same react-pdf font chains as the worker's (fonts.ts)
    ready = packetSections(data);
    date = new Date(data.dataAsOf);
    title = `${data.audit.name}: auditor packet`;
    return;
  }
  try {
    const sections = ready;
    const section = sections?.[msg.section];
    if (!section || msg.chunk >= section.chunkCount) throw new Error(`no chunk ${msg.section}/${msg.chunk}`);
    const chunk = section.chunk(msg.chunk);
    const r = await renderChunk(chunk, { title, date });
    process.send!({
      type: "done",
      id: msg.id,
      bytes: new Uint8Array(r.bytes),
      pageCount: r.pageCount,
      marks: r.marks,
      chrome: r.chrome,
      specPages: r.specPages,
      maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    } satisfies ParentMessage);
  } catch (err) {
    process.send!({
      type: "error",
      id: msg.id,
      message: err instanceof Error ? err.message : String(err),
    } satisfies ParentMessage);
  }
});
process.on("disconnect", () => process.exit(0));
