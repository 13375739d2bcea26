/** The app itself: what runs, and the progress of long tasks. */
import { z } from 'zod';
import { call, stream, type FeatureContract } from './define';
import { noInput } from './schemas';

export interface AppInfo {
  readonly version: string;
  /** How this core is reached: the Electron window, a browser, or the command line. */
  readonly mode: 'electron' | 'browser' | 'cli';
  readonly dataDir: string;
  readonly platform: string;
}

/** Progress of a long task, e.g. creating the demo repository. */
export interface ProgressEvent {
  readonly task: string;
  readonly step: string;
  readonly completed: number;
  readonly total: number;
}

export const appContract = {
  feature: 'app',
  calls: {
    'app.info': call<AppInfo>()(noInput, 'Version, mode and data folder of this Shipdeck.')
  },
  streams: {
    'tasks.progress': stream<ProgressEvent>()(
      z.strictObject({ task: z.string().min(1).max(64).optional() }),
      'Progress of long tasks as they happen (all tasks, or the one named).'
    )
  }
} as const satisfies FeatureContract;
