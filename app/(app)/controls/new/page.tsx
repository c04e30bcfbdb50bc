import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth/session";
import { controlFacets } from "@/lib/controls/control-facets";
import { PageHeader } from "@/components/ui/page-header";
import { ControlForm } from "@/components/controls/control-form";

export const metadata: Metadata = { title: "New control" };

export default async function NewControlPage() {
  const ctx = await requirePermission("control:manage");
  const facets = await controlFacets({ ctx });
  return (
    <>
      <PageHeader
        breadcrumbs={[{ href: "/controls", label: "Controls" }]}
        title="New control"
        description={`Families in use: ${facets.families.map((f) => f.prefix).join(", ")}. After creating it, map it to requirements on its page or from a framework.`}
      />
      <section className="card">
        <ControlForm owners={facets.assignable} />
      </section>
    </>
  );
}
