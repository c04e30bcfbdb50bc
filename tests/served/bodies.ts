// Generated evidence bodies for the served tier and bench:ingest: produced as a stream of ~1 MB chunks
// (never whole in memory), with their exact size, sha256 and record count known once they have run.
import { createHash } from "node:crypto";
import { once } from "node:events";
import http from "node:http";
import net from "node:net";
import { createGzip } from "node:zlib";

const MB = 1024 * 1024;

export interface Generated {
  /** The chunks; each call starts again from the beginning and yields the same bytes. */
  chunks(): Generator<Buffer>;
  /** Known after chunks() has run to the end: bytes, sha256 (hex) and record count. */
  bytes: number;
  sha256: string;
  records: number;
}

function generated(
  produce: (emit: (text: string) => Buffer | null, count: () => void) => Generator<Buffer>,
): Generated {
  const g: Generated = {
    bytes: 0,
    sha256: "",
    records: 0,
    *chunks() {
      const hash = createHash("sha256");
      let bytes = 0;
      let records = 0;
      let pending = "";
      // Collects text into ~1 MB chunks; returns a chunk when one is full.
      const emit = (text: string): Buffer | null => {
        pending += text;
        if (pending.length < MB) return null;
        const chunk = Buffer.from(pending);
        pending = "";
        return chunk;
      };
      for (const chunk of produce(emit, () => records++)) {
        hash.update(chunk);
        bytes += chunk.byteLength;
        yield chunk;
      }
      if (pending) {
        const chunk = Buffer.from(pending);
        hash.update(chunk);
        bytes += chunk.byteLength;
        yield chunk;
      }
      Object.assign(g, { bytes, sha256: hash.digest("hex"), records });
    },
  };
  return g;
}

const ACTIONS = ["login", "logout", "export.download", "role.grant", "record.read", "record.update"];

/** A JSON Lines audit log of at least targetBytes (ASCII), one event a line; records = lines. */
export function auditLog(targetBytes: number, seed = 0): Generated {
  return generated(function* (emit, count) {
    let size = 0;
    for (let i = 0; size < targetBytes; i++) {
      const ts = new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString();
      const line = `{"ts":"${ts}","actor":"user${(i + seed) % 997}@example.test","action":"${ACTIONS[i % ACTIONS.length]}","target":"study/${i % 5000}","outcome":"${i % 50 ? "success" : "denied"}","ip":"10.0.${i % 250}.${i % 200}"}\n`;
      size += line.length;
      count();
      const chunk = emit(line);
      if (chunk) yield chunk;
    }
  });
}

/** A JUnit report of at least targetBytes; records = test cases (every 97th fails). */
export function junitReport(targetBytes: number, seed = 0): Generated {
  return generated(function* (emit, count) {
    let size = 0;
    const head = `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="served-${seed}">\n`;
    size += head.length;
    emit(head);
    for (let s = 0; size < targetBytes; s++) {
      let suite = `<testsuite name="suite-${s}" timestamp="2026-03-01T10:00:00Z">\n`;
      for (let i = 0; i < 200 && size + suite.length < targetBytes + 4096; i++) {
        count();
        suite +=
          i % 97 === 0
            ? `<testcase classname="pkg.mod${s}" name="test_${s}_${i}" time="0.012"><failure message="assert ${i} == ${i + 1}" type="AssertionError">Traceback\n  assert value == expected</failure><system-out>${"log line\n".repeat(20)}</system-out></testcase>\n`
            : `<testcase classname="pkg.mod${s}" name="test_${s}_${i}" time="0.004"><system-out>${"ok\n".repeat(10)}</system-out></testcase>\n`;
      }
      suite += "</testsuite>\n";
      size += suite.length;
      const chunk = emit(suite);
      if (chunk) yield chunk;
    }
    const chunk = emit("</testsuites>\n");
    if (chunk) yield chunk;
  });
}

/** A CycloneDX 1.5 SBOM of at least targetBytes; records = components. */
export function cycloneDx(targetBytes: number, seed = 0): Generated {
  return generated(function* (emit, count) {
    const head = `{"bomFormat":"CycloneDX","specVersion":"1.5","serialNumber":"urn:uuid:00000000-0000-4000-8000-${String(seed).padStart(12, "0")}","version":1,"metadata":{"timestamp":"2026-03-01T10:00:00Z","component":{"type":"application","name":"served","version":"1.0.0"}},"components":[`;
    let size = head.length;
    emit(head);
    for (let i = 0; size < targetBytes; i++) {
      const c = `${i ? "," : ""}{"type":"library","bom-ref":"pkg:npm/lib-${i}@1.${i % 10}.0","name":"lib-${i}","version":"1.${i % 10}.0","purl":"pkg:npm/lib-${i}@1.${i % 10}.0","licenses":[{"license":{"id":"MIT"}}]}`;
      size += c.length;
      count();
      const chunk = emit(c);
      if (chunk) yield chunk;
    }
    const chunk = emit("]}\n");
    if (chunk) yield chunk;
  });
}

/** Zeros, for bodies whose content does not matter (over-limit pushes). */
export function* zeros(bytes: number, chunk = MB): Generator<Buffer> {
  const block = Buffer.alloc(chunk, 0x20);
  for (let sent = 0; sent < bytes; sent += chunk) yield bytes - sent >= chunk ? block : block.subarray(0, bytes - sent);
}

/** Gzips a chunk stream as it goes (bounded memory); yields the compressed chunks. */
export async function* gzipped(chunks: Iterable<Buffer>): AsyncGenerator<Buffer> {
  const gz = createGzip({ level: 1 });
  const out: Buffer[] = [];
  gz.on("data", (c: Buffer) => out.push(c));
  for (const chunk of chunks) {
    if (!gz.write(chunk)) await once(gz, "drain");
    while (out.length) yield out.shift()!;
  }
  gz.end();
  await once(gz, "end");
  while (out.length) yield out.shift()!;
}

export interface Answer {
  status: number;
  // Tests read answers as loose JSON.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  headers: http.IncomingHttpHeaders;
}

/**
 * Sends a body with back-pressure and stops sending as soon as the server answers (a 413 before the
 * end). abortAfter: close the connection after that many bytes (a client that goes away); the
 * answer is then null.
 */
export async function send(
  url: string,
  opts: {
    method?: string;
    headers?: Record<string, string>;
    chunks?: Iterable<Buffer> | AsyncIterable<Buffer>;
    abortAfter?: number;
  },
): Promise<Answer | null> {
  const req = http.request(url, { method: opts.method ?? "POST", headers: opts.headers, agent: false });
  let answered = false;
  const answer = new Promise<Answer | null>((resolve, reject) => {
    req.on("response", (res) => {
      answered = true;
      const parts: Buffer[] = [];
      res.on("data", (c: Buffer) => parts.push(c));
      res.on("end", () => {
        const text = Buffer.concat(parts).toString("utf8");
        let body: unknown = text;
        try {
          body = text ? JSON.parse(text) : null;
        } catch {
          // not JSON
        }
        resolve({ status: res.statusCode ?? 0, body, headers: res.headers });
        req.destroy();
      });
      res.on("error", reject);
    });
    req.on("error", (err) => (opts.abortAfter !== undefined ? resolve(null) : answered ? undefined : reject(err)));
    req.on("close", () => {
      if (!answered && opts.abortAfter !== undefined) resolve(null);
    });
  });
  const closed = new Promise((r) => req.once("close", r));
  let sent = 0;
  try {
    for await (const chunk of opts.chunks ?? []) {
      if (answered || req.destroyed) break;
      if (opts.abortAfter !== undefined && sent + chunk.byteLength >= opts.abortAfter) {
        req.write(chunk.subarray(0, opts.abortAfter - sent));
        await new Promise((r) => setTimeout(r, 200));
        req.destroy();
        return await answer;
      }
      sent += chunk.byteLength;
      if (!req.write(chunk)) await Promise.race([once(req, "drain"), answer, closed]);
    }
    if (!answered && !req.destroyed) req.end();
  } catch {
    // the server closed the connection while we were sending: its answer (if any) says why
  }
  return answer;
}

/**
 * Writes a raw HTTP/1.1 request on a socket (for lies a normal client will not tell: a body shorter
 * than its Content-Length) and half-closes it. Answers the status line's code, or 0 if the server
 * closed without one.
 */
export async function rawRequest(port: number, head: string[], body: Buffer): Promise<number> {
  const socket = net.connect(port, "127.0.0.1");
  await once(socket, "connect");
  const received: Buffer[] = [];
  socket.on("data", (c: Buffer) => received.push(c));
  socket.write(`${head.join("\r\n")}\r\n\r\n`);
  socket.write(body);
  socket.end();
  await new Promise<void>((resolve) => {
    socket.on("close", () => resolve());
    socket.on("error", () => resolve());
  });
  const m = /^HTTP\/1\.1 (\d{3})/.exec(Buffer.concat(received).toString("latin1"));
  return m ? Number(m[1]) : 0;
}

/** Downloads a URL as a stream: its sha256 and size, never holding it whole. */
export async function download(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; sha256: string; bytes: number }> {
  const res = await fetch(url, { headers });
  const hash = createHash("sha256");
  let bytes = 0;
  if (res.body) {
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      hash.update(chunk);
      bytes += chunk.byteLength;
    }
  }
  return { status: res.status, sha256: hash.digest("hex"), bytes };
}

export const digestHeader = (sha256Hex: string) => `sha-256=:${Buffer.from(sha256Hex, "hex").toString("base64")}:`;
