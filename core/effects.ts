/** The five effects, in increasing order of risk. */
export const EFFECTS = ['read', 'generate', 'create', 'update', 'delete'] as const;
export type Effect = (typeof EFFECTS)[number];

export function effectRank(e: Effect): number {
  return EFFECTS.indexOf(e);
}

/** The higher of two effects: a tool may raise its declared effect for one call, never lower it. */
export function maxEffect(a: Effect, b: Effect): Effect {
  return effectRank(a) >= effectRank(b) ? a : b;
}

export function isMutating(e: Effect): boolean {
  return e === 'create' || e === 'update' || e === 'delete';
}

export function isEffect(x: unknown): x is Effect {
  return typeof x === 'string' && (EFFECTS as readonly string[]).includes(x);
}
