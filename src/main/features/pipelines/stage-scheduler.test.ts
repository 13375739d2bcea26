import { describe, expect, it } from 'vitest';
import { StageScheduler } from './stage-scheduler';

const node = (name: string, ...needs: string[]) => ({ name, needs });
// test, lint and docs are independent; build needs test and lint; push needs build.
const PIPELINE = [node('test'), node('lint'), node('docs'), node('build', 'test', 'lint'), node('push', 'build')];

describe('StageScheduler', () => {
  it('starts independent stages in parallel up to the bound (default 2), in file order', () => {
    const scheduler = new StageScheduler(PIPELINE);
    expect(scheduler.take()).toEqual(['test', 'lint']);
    expect(scheduler.take()).toEqual([]);
    scheduler.finish('lint', 'succeeded');
    expect(scheduler.take()).toEqual(['docs']);
    scheduler.finish('test', 'succeeded');
    expect(scheduler.take()).toEqual(['build']);
    scheduler.finish('docs', 'succeeded');
    expect(scheduler.take()).toEqual([]);
    scheduler.finish('build', 'succeeded');
    expect(scheduler.take()).toEqual(['push']);
    scheduler.finish('push', 'succeeded');
    expect(scheduler.done).toBe(true);
  });

  it('honours a wider bound and a bound of one', () => {
    expect(new StageScheduler(PIPELINE, 3).take()).toEqual(['test', 'lint', 'docs']);
    const serial = new StageScheduler(PIPELINE, 1);
    expect(serial.take()).toEqual(['test']);
    serial.finish('test', 'succeeded');
    expect(serial.take()).toEqual(['lint']);
    expect(() => new StageScheduler(PIPELINE, 0)).toThrow(RangeError);
  });

  it('a failure skips what depends on it and everything not started, and lets running stages finish', () => {
    const scheduler = new StageScheduler(PIPELINE);
    scheduler.take();
    const skipped = scheduler.finish('test', 'failed');
    expect(skipped).toEqual([
      { name: 'docs', reason: 'skipped: the run stopped because "test" failed' },
      { name: 'build', reason: 'skipped: it needs "test", which failed' },
      { name: 'push', reason: 'skipped: it needs "test", which failed' }
    ]);
    expect(scheduler.statusOf('lint')).toBe('running');
    expect(scheduler.take()).toEqual([]);
    expect(scheduler.done).toBe(false);
    scheduler.finish('lint', 'succeeded');
    expect(scheduler.done).toBe(true);
  });

  it('a timeout stops the run like a failure, saying so', () => {
    const scheduler = new StageScheduler([node('a'), node('b', 'a')]);
    scheduler.take();
    expect(scheduler.finish('a', 'timed-out')).toEqual([{ name: 'b', reason: 'skipped: it needs "a", which timed out' }]);
  });

  it('stop() skips every pending stage and starts nothing more', () => {
    const scheduler = new StageScheduler(PIPELINE);
    scheduler.take();
    expect(scheduler.stop('skipped: the run was cancelled').map((stage) => stage.name)).toEqual(['docs', 'build', 'push']);
    scheduler.finish('test', 'cancelled');
    scheduler.finish('lint', 'cancelled');
    expect(scheduler.take()).toEqual([]);
    expect(scheduler.done).toBe(true);
  });

  it('refuses to finish a stage that is not running', () => {
    const scheduler = new StageScheduler(PIPELINE);
    expect(() => scheduler.finish('build', 'succeeded')).toThrow(/not running/);
  });
});
