// Test support: writes ZIP files byte by byte, including the malformed and hostile ones a forger would
// make (duplicate names, a local header naming another file than the central directory, hidden bytes,
// overlapping entries, false ZIP64 records), so that tests can attack `proofline verify` with them.
import { crc32, deflateRawSync } from "node:zlib";

export interface ForgedEntry {
  name: string;
  data: Buffer;
  /** 0 stored, 8 deflate (default). */
  method?: 0 | 8;
  /** The name written in the local header, when it should differ from the central directory's. */
  localName?: string;
  /** Point the central directory at another entry's local header (by index) instead of this one's. */
  sameLocalAs?: number;
  /** Declared uncompressed size in the central directory, when it should lie. */
  declaredSize?: number;
}

export interface ForgeOptions {
  /** Bytes written between the last entry and the central directory. */
  gap?: Buffer;
  /** Write a ZIP64 end record (with the given overrides) and 0xffff/0xffffffff markers in the end record. */
  zip64?: { count?: bigint; cdSize?: bigint; cdOffset?: bigint; recordOffset?: bigint };
  /** Bytes after the end record (a comment the end record does not declare). */
  trailing?: Buffer;
}

interface Written {
  entry: ForgedEntry;
  offset: number;
  compressed: Buffer;
  crc: number;
  method: number;
}

function u16(n: number) {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(n);
  return b;
}
function u32(n: number) {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return b;
}
function u64(n: bigint) {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(n);
  return b;
}

export function forgeZip(entries: ForgedEntry[], options: ForgeOptions = {}): Buffer {
  const parts: Buffer[] = [];
  let offset = 0;
  const push = (b: Buffer) => {
    parts.push(b);
    offset += b.length;
  };
  const written: Written[] = [];
  for (const entry of entries) {
    const method = entry.method ?? 8;
    const compressed = method === 8 ? deflateRawSync(entry.data) : entry.data;
    const crc = crc32(entry.data);
    const name = Buffer.from(entry.localName ?? entry.name, "utf8");
    const w: Written = { entry, offset, compressed, crc, method };
    written.push(w);
    if (entry.sameLocalAs !== undefined) continue; // no local header of its own
    push(
      Buffer.concat([
        u32(0x04034b50),
        u16(20),
        u16(0x0800),
        u16(method),
        u16(0),
        u16(0x21),
        u32(crc),
        u32(compressed.length),
        u32(entry.data.length),
        u16(name.length),
        u16(0),
        name,
        compressed,
      ]),
    );
  }
  if (options.gap) push(options.gap);
  const cdOffset = offset;
  for (const w of written) {
    const target = w.entry.sameLocalAs !== undefined ? written[w.entry.sameLocalAs] : w;
    const name = Buffer.from(w.entry.name, "utf8");
    push(
      Buffer.concat([
        u32(0x02014b50),
        u16(0x031e),
        u16(20),
        u16(0x0800),
        u16(target.method),
        u16(0),
        u16(0x21),
        u32(target.crc),
        u32(target.compressed.length),
        u32(w.entry.declaredSize ?? target.entry.data.length),
        u16(name.length),
        u16(0),
        u16(0),
        u16(0),
        u16(0),
        u32(0o100644 << 16),
        u32(target.offset),
        name,
      ]),
    );
  }
  const cdSize = offset - cdOffset;
  const count = written.length;
  if (options.zip64) {
    const z = options.zip64;
    const recordOffset = offset;
    push(
      Buffer.concat([
        u32(0x06064b50),
        u64(44n),
        u16(45),
        u16(45),
        u32(0),
        u32(0),
        u64(z.count ?? BigInt(count)),
        u64(z.count ?? BigInt(count)),
        u64(z.cdSize ?? BigInt(cdSize)),
        u64(z.cdOffset ?? BigInt(cdOffset)),
      ]),
    );
    push(Buffer.concat([u32(0x07064b50), u32(0), u64(z.recordOffset ?? BigInt(recordOffset)), u32(1)]));
    push(
      Buffer.concat([
        u32(0x06054b50),
        u16(0),
        u16(0),
        u16(0xffff),
        u16(0xffff),
        u32(0xffffffff),
        u32(0xffffffff),
        u16(0),
      ]),
    );
  } else {
    push(Buffer.concat([u32(0x06054b50), u16(0), u16(0), u16(count), u16(count), u32(cdSize), u32(cdOffset), u16(0)]));
  }
  if (options.trailing) push(options.trailing);
  return Buffer.concat(parts);
}
