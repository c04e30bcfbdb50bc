import type { PacketData } from "@/lib/packets/packet-types";
import { matrixSection, readinessSection, type SectionPlan } from "@/lib/packets/pdf/sections-front";
import { controlSection } from "@/lib/packets/pdf/sections-controls";
import {
  activitySection,
  backlogSection,
  evidenceIndexSection,
  exceptionsSection,
  exercisesSection,
  populationsSection,
  requestsSection,
} from "@/lib/packets/pdf/sections-back";

/** The packet's sections after the cover and the contents, in order (the worker and its render processes plan them alike). */
export function packetSections(data: PacketData): SectionPlan[] {
  return [
    readinessSection(data),
    matrixSection(data),
    controlSection(data),
    exceptionsSection(data),
    backlogSection(data),
    exercisesSection(data),
    requestsSection(data),
    populationsSection(data),
    evidenceIndexSection(data),
    activitySection(data),
  ];
}
