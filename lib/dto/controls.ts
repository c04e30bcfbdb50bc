// The controls API's answers as the browser receives them (app/api/v1/controls, /projects/[slug]/controls).
import type { ResponseOf, Serialized } from "@/lib/dto/serialized";
import type { ControlRow, listControls } from "@/lib/controls/list-controls";

/** GET /api/v1/controls and GET /api/v1/projects/[slug]/controls (one page) */
export type ControlPageDto = ResponseOf<typeof listControls>;
export type ControlRowDto = Serialized<ControlRow>;
