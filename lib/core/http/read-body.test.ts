import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { BodyRefusedError, readBodyBytes, requestBody, statedDigests } from "@/lib/core/http/read-body";
import { PayloadTooLargeError } from "@/lib/errors";

function post(body: BodyInit | null, headers: Record<string, string> = {}): Request {
  return new Request("http://localhost/api/x", { method: "POST", body, headers, duplex: "half" } as RequestInit);
}

/** A body sent as several chunks, like a socket delivers it. */
function chunked(bytes: Buffer, size = 1000): ReadableStream<Uint8Array> {
  let i = 0;
  return new ReadableStream({
    pull(controller) {
      if (i >= bytes.length) return controller.close();
      controller.enqueue(new Uint8Array(bytes.subarray(i, i + size)));
      i += size;
    },
  });
}

const digestOf = (b: Buffer) => `sha-256=:${createHash("sha256").update(b).digest("base64")}:`;

async function refusal(p: Promise<unknown>): Promise<{ code: string; status: number }> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeTruthy();
  return { code: (err as BodyRefusedError).code, status: (err as BodyRefusedError).status };
}

describe("readBodyBytes", () => {
  const data = Buffer.from("x".repeat(5000));

  it("returns exactly the bytes sent, with a matching digest and length", async () => {
    const got = await readBodyBytes(
      post(chunked(data), { "content-length": "5000", "content-digest": digestOf(data) }),
      10_000,
    );
    expect(got.equals(data)).toBe(true);
  });

  it("refuses a body whose sha-256 differs from Content-Digest or Repr-Digest", async () => {
    const other = Buffer.from("y".repeat(5000));
    expect(await refusal(readBodyBytes(post(chunked(data), { "content-digest": digestOf(other) }), 10_000))).toEqual({
      code: "body-digest-mismatch",
      status: 400,
    });
    expect(await refusal(readBodyBytes(post(chunked(data), { "repr-digest": digestOf(other) }), 10_000))).toEqual({
      code: "body-digest-mismatch",
      status: 400,
    });
  });

  it("ignores other algorithms and refuses a malformed digest header", async () => {
    expect(statedDigests(new Headers({ "content-digest": "sha-512=:AAAA:" }))).toEqual([]);
    expect(await refusal(readBodyBytes(post(chunked(data), { "content-digest": "sha-256=abc" }), 10_000))).toEqual({
      code: "body-digest-malformed",
      status: 400,
    });
    expect(await refusal(readBodyBytes(post(chunked(data), { "content-digest": "sha-256=:AAAA:" }), 10_000))).toEqual({
      code: "body-digest-malformed",
      status: 400,
    });
  });

  it("refuses a body shorter than its Content-Length", async () => {
    expect(await refusal(readBodyBytes(post(chunked(data), { "content-length": "6000" }), 10_000))).toEqual({
      code: "body-length-mismatch",
      status: 400,
    });
  });

  it("refuses a body longer than its Content-Length before reading on", async () => {
    expect(await refusal(readBodyBytes(post(chunked(data), { "content-length": "2000" }), 10_000))).toEqual({
      code: "body-length-mismatch",
      status: 400,
    });
  });

  it("refuses a declared size over the limit without reading, and a stream that passes it", async () => {
    let pulled = 0;
    const counting = new ReadableStream<Uint8Array>({
      pull(c) {
        pulled++;
        c.enqueue(new Uint8Array(1000));
      },
    });
    await expect(readBodyBytes(post(counting, { "content-length": "20000" }), 10_000)).rejects.toBeInstanceOf(
      PayloadTooLargeError,
    );
    expect(pulled).toBeLessThanOrEqual(1);
    await expect(readBodyBytes(post(counting), 10_000)).rejects.toBeInstanceOf(PayloadTooLargeError);
  });

  it("decompresses gzip; the digest is of the bytes sent, the limit of the decoded bytes", async () => {
    const gz = gzipSync(data);
    const got = await readBodyBytes(
      post(chunked(gz), {
        "content-encoding": "gzip",
        "content-length": String(gz.length),
        "content-digest": digestOf(gz),
      }),
      10_000,
    );
    expect(got.equals(data)).toBe(true);
    await expect(readBodyBytes(post(chunked(gz), { "content-encoding": "gzip" }), 4_000)).rejects.toBeInstanceOf(
      PayloadTooLargeError,
    );
  });

  it("stops a gzip bomb at the limit", async () => {
    const bomb = gzipSync(Buffer.alloc(200 * 1024 * 1024)); // ~200 KB on the wire
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const before = process.memoryUsage().rss;
    await expect(
      readBodyBytes(post(chunked(bomb, 64 * 1024), { "content-encoding": "gzip" }), 1024 * 1024),
    ).rejects.toBeInstanceOf(PayloadTooLargeError);
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
  });

  it("refuses corrupt gzip and codings other than gzip", async () => {
    expect(await refusal(readBodyBytes(post(chunked(data), { "content-encoding": "gzip" }), 10_000))).toEqual({
      code: "body-encoding-invalid",
      status: 400,
    });
    const gz = gzipSync(data);
    expect(
      await refusal(
        readBodyBytes(post(chunked(gz.subarray(0, gz.length - 20)), { "content-encoding": "gzip" }), 10_000),
      ),
    ).toEqual({ code: "body-encoding-invalid", status: 400 });
    expect(await refusal(readBodyBytes(post(chunked(data), { "content-encoding": "br" }), 10_000))).toEqual({
      code: "body-encoding-unsupported",
      status: 415,
    });
    expect(
      await refusal(
        readBodyBytes(post(chunked(gz), { "content-encoding": "gzip" }), 10_000, undefined, { gzip: false }),
      ),
    ).toEqual({ code: "body-encoding-unsupported", status: 415 });
  });

  it("refuses a body whose stream breaks (the client went away)", async () => {
    let sent = false;
    const broken = new ReadableStream<Uint8Array>({
      pull(c) {
        if (sent) return c.error(new Error("aborted"));
        sent = true;
        c.enqueue(new Uint8Array(100));
      },
    });
    expect(await refusal(readBodyBytes(post(broken), 10_000))).toEqual({ code: "body-incomplete", status: 400 });
  });

  it("checks nothing until the body is read", async () => {
    const source = requestBody(post(chunked(data), { "content-length": "20000" }), { limit: 10 });
    await expect(source[Symbol.asyncIterator]().next()).rejects.toBeInstanceOf(PayloadTooLargeError);
  });
});
