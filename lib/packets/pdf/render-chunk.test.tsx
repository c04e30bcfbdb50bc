import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Text, View } from "@react-pdf/renderer";
import { describe, expect, it } from "vitest";
import { renderChunk, type PageSpec } from "@/lib/packets/pdf/render-chunk";
import { s } from "@/lib/packets/pdf/styles";

// Chunks started together in one process (the worker renders two ahead) must each come out as they do
// alone: same bytes, and every run in the packet's own fonts, never a standard-font fallback.

const meta = { title: "Chunk", date: new Date("2026-07-01T00:00:00.000Z") };

function spec(label: string): PageSpec[] {
  return [
    {
      running: label,
      content: (
        <View>
          {Array.from({ length: 60 }, (_, i) => (
            <Text key={i} style={i % 3 ? s.mono : undefined}>
              {label} row {i}: Łódź, Ελλάδα, Москва, ıİ, 東京
            </Text>
          ))}
        </View>
      ),
    },
  ];
}

function fonts(bytes: Buffer): string[] {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "proofline-chunk-")), "chunk.pdf");
  writeFileSync(file, bytes);
  return execFileSync("pdffonts", [file], { encoding: "utf8" })
    .split("\n")
    .slice(2)
    .filter(Boolean)
    .map((line) => line.split(/\s+/)[0].replace(/^[A-Z]{6}\+/, ""));
}

describe("renderChunk", { timeout: 120_000 }, () => {
  it("renders chunks started while another is rendering exactly as it renders each alone", async () => {
    const alone = [await renderChunk(spec("A"), meta), await renderChunk(spec("B"), meta)];
    // The second chunk starts at different moments of the first one's render (loading its fonts,
    // laying out, writing), as it does when the worker keeps two chunks in flight.
    for (const delay of [0, 5, 10, 20, 40, 80, 160]) {
      const first = renderChunk(spec("A"), meta);
      await new Promise((resolve) => setTimeout(resolve, delay));
      const together = await Promise.all([first, renderChunk(spec("B"), meta)]);
      together.forEach((chunk, i) => {
        expect(
          fonts(chunk.bytes).filter((f) => !f.startsWith("Noto")),
          `chunk ${i}, after ${delay} ms`,
        ).toEqual([]);
        expect(chunk.bytes.equals(alone[i].bytes), `chunk ${i}, after ${delay} ms`).toBe(true);
      });
    }
  });
});
