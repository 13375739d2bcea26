/** A service's git history: branches, tags, commits, one commit, and what changed between two refs. */
import { z } from 'zod';
import type { Branch, CommitDetail, CommitPage, RangeItem, RefComparison, Tag } from '../domain/history';
import { call, stream, type FeatureContract } from './define';
import { gitRef, serviceName } from './schemas';

export const historyContract = {
  feature: 'history',
  calls: {
    'history.branches': call<readonly Branch[]>()(z.strictObject({ service: serviceName }), 'Local branches.'),
    'history.tags': call<readonly Tag[]>()(
      z.strictObject({ service: serviceName }),
      'Tags, semantic versions first (newest first), then other tags by date.'
    ),
    'history.commits': call<CommitPage>()(
      z.strictObject({
        service: serviceName,
        ref: gitRef.optional(),
        text: z.string().max(200).optional(),
        author: z.string().max(200).optional(),
        shaPrefix: z
          .string()
          .regex(/^[0-9a-fA-F]{4,64}$/, { error: 'SHA prefix must be 4–64 hexadecimal characters' })
          .optional(),
        offset: z.int().min(0).default(0),
        limit: z.int().min(1).max(500).default(100)
      }),
      'A page of commits, newest first, optionally filtered by message text, author and SHA prefix.'
    ),
    'history.commit': call<CommitDetail>()(
      z.strictObject({ service: serviceName, sha: gitRef }),
      'One commit with its message and changed files.'
    ),
    'history.compare': call<RefComparison>()(
      z.strictObject({
        service: serviceName,
        from: gitRef,
        to: gitRef,
        limit: z.int().min(1).max(100_000).default(20_000)
      }),
      'The commits in `to` that are not in `from` (git from..to), merges included.'
    )
  },
  streams: {
    'history.range': stream<RangeItem>()(
      z.strictObject({
        service: serviceName,
        from: gitRef,
        to: gitRef,
        /** At most this many commits; every commit of the range when absent. */
        limit: z.int().min(1).optional()
      }),
      'The commits in `to` that are not in `from`, as git finds them: both ends, each commit, then a summary.'
    )
  }
} as const satisfies FeatureContract;
