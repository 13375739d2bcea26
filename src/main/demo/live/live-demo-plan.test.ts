import { describe, expect, it } from 'vitest';
import { newerLiveVersion, planLiveDemo, servedVersion, type EnvironmentNow } from './live-demo-plan';

const OLDER = 'sha256:older';
const NEWER = 'sha256:newer';
const RECORDED_HISTORY = 'sha256:recorded-history';
const images = { older: OLDER, newer: NEWER };

const env = (environment: string, recorded: string | null, serving: string | null = recorded): EnvironmentNow => ({ environment, recorded, serving });
const describeSteps = (steps: ReturnType<typeof planLiveDemo>) => steps.map((step) => `${step.kind} ${step.environment} ${step.digest}`);

describe('planLiveDemo', () => {
  it('sends the older image through the promotion order, then moves dev ahead with the newer', () => {
    // The recorded history's digests have no image: nothing serves.
    const steps = planLiveDemo({
      images,
      environments: [env('dev', RECORDED_HISTORY, null), env('staging', RECORDED_HISTORY, null), env('prod', RECORDED_HISTORY, null)],
      setupFinished: false
    });
    expect(describeSteps(steps)).toEqual([`deploy dev ${OLDER}`, `promote staging ${OLDER}`, `promote prod ${OLDER}`, `deploy dev ${NEWER}`]);
  });

  it('plans nothing when every environment runs what it should', () => {
    const steps = planLiveDemo({ images, environments: [env('dev', NEWER), env('staging', OLDER), env('prod', OLDER)], setupFinished: true });
    expect(steps).toEqual([]);
  });

  it('goes on where an earlier setup stopped (prod failed): promotes to prod, then moves dev ahead', () => {
    const steps = planLiveDemo({ images, environments: [env('dev', OLDER), env('staging', OLDER), env('prod', RECORDED_HISTORY, null)], setupFinished: false });
    expect(describeSteps(steps)).toEqual([`promote prod ${OLDER}`, `deploy dev ${NEWER}`]);
  });

  it('counts an environment as running a digest only when the record and the engine agree', () => {
    // The record says older, but its containers were removed by hand: staging runs older, so a promotion.
    const steps = planLiveDemo({ images, environments: [env('dev', NEWER), env('staging', OLDER), env('prod', OLDER, null)], setupFinished: true });
    expect(describeSteps(steps)).toEqual([`promote prod ${OLDER}`]);
  });

  it('after the setup, restores what the newcomer released instead of the first layout', () => {
    // The newcomer promoted the newer image to staging; then the engine lost every container.
    const steps = planLiveDemo({ images, environments: [env('dev', NEWER, null), env('staging', NEWER, null), env('prod', OLDER, null)], setupFinished: true });
    expect(describeSteps(steps)).toEqual([`deploy dev ${NEWER}`, `promote staging ${NEWER}`, `deploy prod ${OLDER}`]);
  });

  it('leaves environments the newcomer moved alone while they run', () => {
    const steps = planLiveDemo({ images, environments: [env('dev', NEWER), env('staging', NEWER), env('prod', NEWER)], setupFinished: true });
    expect(steps).toEqual([]);
  });

  it('deploys a single environment straight to the newer image', () => {
    expect(describeSteps(planLiveDemo({ images, environments: [env('dev', null)], setupFinished: false }))).toEqual([`deploy dev ${NEWER}`]);
  });
});

describe('versions', () => {
  it('makes the newer version the next minor as a -live pre-release (the demo tagged 1.8.1 and 1.8.2 elsewhere)', () => {
    expect(newerLiveVersion('1.8.0')).toBe('1.9.0-live');
    expect(newerLiveVersion('2.0.3-rc.1')).toBe('2.1.0-live');
    expect(newerLiveVersion('next')).toBe('next-live');
  });

  it('reads the version the site serves from version.json', () => {
    expect(servedVersion('{"service":"shop-api","version":"1.8.0"}\n')).toBe('1.8.0');
    expect(servedVersion('{"service":"shop-api"}')).toBeNull();
    expect(servedVersion('not json')).toBeNull();
    expect(servedVersion(null)).toBeNull();
  });
});
