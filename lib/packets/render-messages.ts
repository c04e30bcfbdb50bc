import type { PacketData } from "@/lib/packets/packet-types";
import type { PageChrome } from "@/lib/packets/pdf/render-chunk";

// What the worker (render-pool.ts) and its render processes (render-child.ts) say to each other:
// here rather than in either, so that neither imports the other.

export type ChildMessage =
  { type: "data"; data: PacketData } | { type: "render"; id: number; section: number; chunk: number };

export type ParentMessage =
  | {
      type: "done";
      id: number;
      bytes: Uint8Array;
      pageCount: number;
      marks: Array<{ id: string; title: string; page: number }>;
      chrome: PageChrome[];
      specPages: number[];
      maxRssMb: number;
    }
  | { type: "error"; id: number; message: string };
