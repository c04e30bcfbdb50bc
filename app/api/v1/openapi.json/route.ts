import { defineRoute } from "@/lib/api/handler";
import { openApiDocument } from "@/lib/evidence/openapi";

export const GET = defineRoute({ auth: "public" }, async () => openApiDocument());
