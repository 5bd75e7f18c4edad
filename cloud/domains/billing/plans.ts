// The plans Talemo sells and what each allows. "Creations" are new stories; the free tier's
// 2 a week is the Talemo seed. Weeks are rolling (the last 7 days), so no calendar edge gives a
// burst of 4 creations across a Sunday night.
export const PLAN_IDS = ['free', 'creator_premium', 'school'] as const;
export type PlanId = (typeof PLAN_IDS)[number];

export interface Plan {
  label: string;
  creationsPerWeek: number;
}

export const PLANS: Record<PlanId, Plan> = {
  free: { label: 'Free', creationsPerWeek: 2 },
  creator_premium: { label: 'Creator Premium', creationsPerWeek: 50 },
  school: { label: 'School', creationsPerWeek: 500 },
};

/** The plans a checkout can buy. */
export const PAID_PLANS = ['creator_premium', 'school'] as const;
export type PaidPlanId = (typeof PAID_PLANS)[number];

export function isPlanId(value: unknown): value is PlanId {
  return typeof value === 'string' && (PLAN_IDS as readonly string[]).includes(value);
}
