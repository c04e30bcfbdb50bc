"use client";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export interface TimeToFixDatum {
  severity: string;
  medianDays: number | null;
  deadlineDays: number;
}

/** The drawn part of TimeToFixChart (recharts), loaded lazily by it. */
export function TimeToFixBars({ data }: { data: TimeToFixDatum[] }) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={data} margin={{ top: 6, right: 8, bottom: 0, left: -10 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#dde1e7" vertical={false} />
        <XAxis dataKey="severity" tick={{ fontSize: 12 }} />
        <YAxis tickFormatter={(v: number) => `${v} d`} tick={{ fontSize: 11 }} allowDecimals={false} />
        <Tooltip formatter={(v, name) => [`${v} days`, name === "medianDays" ? "median time to fix" : "deadline"]} />
        <Bar dataKey="medianDays" name="medianDays" fill="#3949ab" isAnimationActive={false} />
        <Bar dataKey="deadlineDays" name="deadlineDays" fill="#9aa5b1" isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}
