/**
 * How demo data is told apart from real records: everything the demo's release history records is
 * started or pruned by an actor named `demo:…` — `demo:watch` for runs a branch watch started,
 * `demo:<person>` for re-runs, `demo:retention` for prunes. Real actors are OS user names, which never
 * start with "demo:"; a screen shows records whose actor is a demo actor with a "demo data" mark
 * (an artifact is demo data when its pipeline run is).
 */
export const DEMO_ACTOR_PREFIX = 'demo:';
export const DEMO_WATCH = `${DEMO_ACTOR_PREFIX}watch`;
export const DEMO_PRUNER = `${DEMO_ACTOR_PREFIX}retention`;

export const isDemoActor = (actor: string): boolean => actor.startsWith(DEMO_ACTOR_PREFIX);
