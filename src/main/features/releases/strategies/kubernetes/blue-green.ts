/**
 * Blue-green on Kubernetes: two Deployments `<deployment>-blue` and `<deployment>-green` (label
 * `shipdeck.dev/colour`) behind one Service whose selector names the live colour. A release applies the
 * idle colour from the live one's template (from `<deployment>` itself the first time) with the new image
 * and `instances` replicas, follows it until every pod is available, then switches the Service's selector
 * in one write. The old colour keeps running as the idle colour (an instant rollback) until `removeIdle`
 * scales it to 0 — as Argo Rollouts' scaleDownDelay does: the object stays, and the next release applies
 * it again.
 */
import type { ServiceSelector, WorkloadSnapshot } from '../../../../ports/kubernetes';
import type { StrategyOutcome } from '../strategy';
import { COLOUR_LABEL, digestOf, shortDigest, StepFailure, type KubeRelease } from './kube-release';

export type Colour = 'blue' | 'green';

export interface ColourState {
  readonly service: ServiceSelector | null;
  readonly blue: WorkloadSnapshot | null;
  readonly green: WorkloadSnapshot | null;
  /** The colour the Service selects, when that Deployment exists. */
  readonly live: Colour | null;
}

export const otherColour = (colour: Colour): Colour => (colour === 'blue' ? 'green' : 'blue');
export const colourName = (ctx: KubeRelease, colour: Colour): string => `${ctx.target.deployment}-${colour}`;
const selects = (selector: Readonly<Record<string, string>>, labels: Readonly<Record<string, string>>): boolean => Object.entries(selector).every(([key, value]) => labels[key] === value);
const formatSelector = (selector: Readonly<Record<string, string>>): string => Object.entries(selector).map(([key, value]) => `${key}=${value}`).join(',');

export async function readColours(ctx: KubeRelease): Promise<ColourState> {
  const { context, namespace } = ctx.target;
  const [service, blue, green] = await Promise.all([
    ctx.kube.getService(context, namespace, ctx.serviceName, ctx.signal),
    ctx.read(ctx.ref(colourName(ctx, 'blue'))),
    ctx.read(ctx.ref(colourName(ctx, 'green')))
  ]);
  const selected = service?.selector[COLOUR_LABEL];
  const live = selected === 'blue' && blue ? 'blue' : selected === 'green' && green ? 'green' : null;
  return { service, blue, green, live };
}

export async function runKubeBlueGreen(ctx: KubeRelease): Promise<StrategyOutcome> {
  const wanted = ctx.settings.instances;
  const state = await readColours(ctx);
  const service = state.service;
  if (!service) throw new StepFailure(`Service ${ctx.serviceName} is not in namespace ${ctx.target.namespace}: blue-green switches its selector, so create it first`);
  const liveSnapshot = state.live ? state[state.live] : null;
  if (state.live && liveSnapshot && digestOf(liveSnapshot) === ctx.digest && liveSnapshot.availableReplicas >= wanted) {
    return { kind: 'succeeded', detail: `${state.live} already serves ${shortDigest(ctx.digest)} on ${liveSnapshot.availableReplicas} pod(s)` };
  }

  const colour: Colour = state.live ? otherColour(state.live) : 'blue';
  const colourRef = ctx.ref(colourName(ctx, colour));
  const base = state.live ? null : await ctx.mustRead(ctx.ref(ctx.target.deployment));
  const from = state.live ? ctx.ref(colourName(ctx, state.live)) : ctx.ref(ctx.target.deployment);
  await ctx.report({ phase: 'instance-started', detail: `starting ${colour}: ${wanted} pod(s) of ${shortDigest(ctx.digest)} in deployment ${colourRef.name}, from ${from.name}'s template`, step: 1, weight: 0, progress: 0.05 });
  ctx.open = {
    undo: async () => {
      await ctx.kube.scale(colourRef, 0, ctx.signal);
      await ctx.report({ phase: 'instance-removed', detail: `scaled ${colourRef.name} to 0: traffic never left ${state.live ?? from.name}`, step: 1, weight: 0 });
    },
    trafficMoved: false
  };
  await ctx.kube.applySibling({ name: colourRef.name, from, image: ctx.image, replicas: wanted, labels: { [COLOUR_LABEL]: colour }, changeCause: ctx.changeCause }, ctx.signal);
  await ctx.followToEnd(colourRef, { step: 1, progress: [0.1, 0.7] });

  const selector = { ...service.selector, [COLOUR_LABEL]: colour };
  const ready = await ctx.mustRead(colourRef);
  if (!selects(selector, ready.templateLabels)) {
    throw new StepFailure(`Service ${service.name}'s selector ${formatSelector(selector)} would not select ${colourRef.name}'s pods (${formatSelector(ready.templateLabels)}): make the Service select the Deployment's app labels`);
  }
  await ctx.report({ phase: 'traffic', detail: `${colour} is ready (${ready.availableReplicas} of ${ready.desiredReplicas} pods available): switching Service ${service.name} to it`, step: 2, weight: 0, progress: 0.75 });
  ctx.open = { undo: async () => ctx.kube.setServiceSelector(ctx.target.context, ctx.target.namespace, service.name, service.selector, ctx.signal), trafficMoved: true };
  await ctx.kube.setServiceSelector(ctx.target.context, ctx.target.namespace, service.name, selector, ctx.signal);
  ctx.open = null;
  await ctx.report({
    phase: 'switched',
    detail: `switched Service ${service.name} to ${colour} (${shortDigest(ctx.digest)}) in one write`,
    step: 2,
    weight: 100,
    progress: 0.9,
    data: { colour, switchedAt: new Date(ctx.now()).toISOString() }
  });

  if (!state.live) {
    // What served had no colour (the first blue-green release): nothing to keep idle.
    if (base && base.desiredReplicas > 0) {
      await ctx.kube.scale(base.ref, 0, ctx.signal);
      await ctx.report({ phase: 'instance-removed', detail: `scaled deployment ${base.ref.name} (what served before blue-green) to 0`, step: 2 });
    }
    return { kind: 'succeeded', detail: `${colour} serves ${shortDigest(ctx.digest)} on ${wanted} pod(s)` };
  }
  return { kind: 'succeeded', detail: `${colour} serves ${shortDigest(ctx.digest)} on ${wanted} pod(s); ${state.live} stays idle for ${ctx.settings.blueGreenHoldSeconds} s for an instant rollback` };
}

/** Rollback in one selector write, when the idle colour runs `digest` with every pod available. */
export async function switchBackToIdle(ctx: KubeRelease, digest: string): Promise<boolean> {
  const state = await readColours(ctx);
  if (!state.service || !state.live) return false;
  const idle = otherColour(state.live);
  const snapshot = state[idle];
  if (!snapshot || digestOf(snapshot) !== digest || snapshot.desiredReplicas === 0 || snapshot.availableReplicas < snapshot.desiredReplicas) return false;
  const selector = { ...state.service.selector, [COLOUR_LABEL]: idle };
  if (!selects(selector, snapshot.templateLabels)) return false;
  await ctx.kube.setServiceSelector(ctx.target.context, ctx.target.namespace, state.service.name, selector, ctx.signal);
  await ctx.report({
    phase: 'switched',
    detail: `switched Service ${state.service.name} back to ${idle} (${shortDigest(digest)}) in one write`,
    weight: 100,
    progress: 1,
    data: { colour: idle, switchedAt: new Date(ctx.now()).toISOString() }
  });
  return true;
}

/** Scales the idle colour to 0 (its hold has passed); the Deployment stays for the next release. */
export async function removeIdleColour(ctx: KubeRelease): Promise<void> {
  const state = await readColours(ctx);
  if (!state.live) return;
  const idle = state[otherColour(state.live)];
  if (idle && idle.desiredReplicas > 0) await ctx.kube.scale(idle.ref, 0, ctx.signal);
}
