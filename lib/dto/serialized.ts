// What a server value becomes on the wire: route handlers answer with JSON (lib/core/http/json.ts), so a Date
// arrives in the browser as its ISO string and a BigInt as its decimal string. Client hooks type their
// answers as Serialized<the server type> instead of declaring the shape a second time or claiming Date.
import { jsonText } from "@/lib/core/http/json";

/** The JSON form of T, as the browser parses it: Date and BigInt become strings, toJSON() is applied. */
export type Serialized<T> = T extends Date
  ? string
  : T extends bigint
    ? string
    : T extends string | number | boolean | null | undefined
      ? T
      : T extends { toJSON(): infer J }
        ? Serialized<J>
        : T extends ReadonlyArray<infer U>
          ? Array<Serialized<U>>
          : T extends object
            ? { [K in keyof T]: Serialized<T[K]> }
            : T;

/** The body a route answers with when its handler returns what `fn` resolves to. */
export type ResponseOf<F extends (...args: never[]) => Promise<unknown>> = Serialized<Awaited<ReturnType<F>>>;

/**
 * A server value as the browser will see it, for a server page handing data to a client component that
 * also refetches it through the API (initialData): the same JSON round trip the route handlers make.
 */
export function serialized<T>(value: T): Serialized<T> {
  return JSON.parse(jsonText(value)) as Serialized<T>;
}
