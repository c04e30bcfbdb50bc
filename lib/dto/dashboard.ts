// The dashboard's API answers as the browser receives them (app/api/v1/dashboard/*): each is the
// serialised result of the lib function its route returns, so route and hook share one type.
import type { Serialized, ResponseOf } from "@/lib/dto/serialized";
import type { getDashboardReadiness, ReadinessCard, TrendPoint } from "@/lib/readiness/get-dashboard-readiness";
import type { DashboardHoldback, getDashboardHoldbacks } from "@/lib/readiness/get-dashboard-holdbacks";
import type { getDashboardBlockers } from "@/lib/readiness/get-dashboard-blockers";
import type { getDashboardUpcoming } from "@/lib/readiness/get-dashboard-upcoming";
import type { listOpenBlockers } from "@/lib/readiness/list-open-blockers";

/** GET /api/v1/dashboard/readiness */
export type DashboardReadinessDto = ResponseOf<typeof getDashboardReadiness>;
export type ReadinessCardDto = Serialized<ReadinessCard>;
export type TrendPointDto = Serialized<TrendPoint>;

/** GET /api/v1/dashboard/holdbacks */
export type DashboardHoldbacksDto = ResponseOf<typeof getDashboardHoldbacks>;
export type DashboardHoldbackDto = Serialized<DashboardHoldback>;

/** GET /api/v1/dashboard/blockers */
export type DashboardBlockersDto = ResponseOf<typeof getDashboardBlockers>;

/** GET /api/v1/dashboard/upcoming (one page) */
export type UpcomingPageDto = ResponseOf<typeof getDashboardUpcoming>;

/** GET /api/v1/dashboard/open-blockers (one page) */
export type OpenBlockersPageDto = ResponseOf<typeof listOpenBlockers>;
