import { describe, expect, it } from "vitest";
import { commandOf, parseProcfile, readProcfile } from "./procfile";
import { WEB_SERVER_ENV, WEB_SERVER_NODE_FLAGS } from "./web-server-flags";

describe("Procfile", () => {
  it("parses types and commands, skipping comments and blank lines", () => {
    expect(parseProcfile("# c\n\nweb: node a.js -p $PORT\nworker: node b.js\n")).toEqual([
      { type: "web", line: "node a.js -p $PORT" },
      { type: "worker", line: "node b.js" },
    ]);
  });

  it("refuses shell syntax, repeated types and lines without a type", () => {
    expect(() => parseProcfile("web: node a.js | tee log")).toThrow(/line 1: quotes, pipes/);
    expect(() => parseProcfile("web: node a.js\nweb: node b.js")).toThrow(/line 2: process type "web" is listed twice/);
    expect(() => parseProcfile("node a.js")).toThrow(/line 1: expected/);
  });

  it("expands variables, sets leading assignments in the environment, and refuses an unset variable", () => {
    const [web] = parseProcfile("web: MALLOC_ARENA_MAX=2 node server.js -p $PORT -H ${HOST}");
    expect(commandOf(web, { PORT: "3001", HOST: "127.0.0.1" })).toEqual({
      command: process.execPath,
      args: ["server.js", "-p", "3001", "-H", "127.0.0.1"],
      env: { MALLOC_ARENA_MAX: "2" },
    });
    expect(() => commandOf(web, { HOST: "x" })).toThrow(/needs PORT/);
  });

  it("deploy/Procfile runs the web server with npm start's node flags and environment, a worker and a release step", () => {
    const entries = readProcfile();
    expect(entries.map((e) => e.type)).toEqual(["release", "web", "worker"]);
    const web = commandOf(
      entries.find((e) => e.type === "web")!,
      { PORT: "1", HOST: "h" },
    );
    expect(web.args.slice(0, WEB_SERVER_NODE_FLAGS.length)).toEqual(WEB_SERVER_NODE_FLAGS);
    expect(web.env).toEqual(WEB_SERVER_ENV);
    expect(web.args.slice(-5)).toEqual(["start", "-p", "1", "-H", "h"]);
  });
});
