// The catalogue API's answers as the browser receives them (app/api/v1/frameworks, /projects/[slug]/controls/frameworks).
import type { ResponseOf } from "@/lib/dto/serialized";
import type { importFramework } from "@/lib/catalogue/import-framework";
import type { setProjectFrameworks } from "@/lib/catalogue/set-project-frameworks";

/** POST /api/v1/frameworks (201 when the framework is new, 200 when a version of it was loaded again) */
export type FrameworkImportDto = ResponseOf<typeof importFramework>;

/** PUT /api/v1/projects/[slug]/controls/frameworks */
export type ProjectFrameworksDto = ResponseOf<typeof setProjectFrameworks>;
