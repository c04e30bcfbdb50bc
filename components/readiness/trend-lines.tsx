"use client";
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatDate } from "@/lib/format";

export interface TrendDatum {
  day: string;
  value: number | null;
  met: number;
  applicable: number;
}

/** The drawn part of TrendChart (recharts), loaded lazily by it. */
export function TrendLines({ data }: { data: TrendDatum[] }) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <LineChart data={data} margin={{ top: 6, right: 8, bottom: 0, left: -18 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#dde1e7" vertical={false} />
        <XAxis
          dataKey="day"
          tickFormatter={(d: string) => formatDate(d).slice(0, -5)}
          tick={{ fontSize: 11 }}
          minTickGap={28}
        />
        <YAxis domain={[0, 100]} ticks={[0, 50, 100]} tickFormatter={(v: number) => `${v}%`} tick={{ fontSize: 11 }} />
        <Tooltip formatter={(v) => [`${v}%`, "readiness"]} labelFormatter={(d) => formatDate(String(d))} />
        <Line
          type="monotone"
          dataKey="value"
          stroke="#3949ab"
          strokeWidth={2}
          dot={{ r: 2 }}
          isAnimationActive={false}
          connectNulls
        />
      </LineChart>
    </ResponsiveContainer>
  );
}
