/** Input schemas shared by several features. */
import { z } from 'zod';
import { refProblem } from '../domain/ref-range';

export const noInput = z.strictObject({});

export const serviceName = z
  .string({ error: 'service name is required' })
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, {
    error: 'service name must be 1–64 characters: letters, digits, ".", "_" or "-", starting with a letter or digit'
  });

export const gitRef = z.string({ error: 'ref is required' }).superRefine((ref, ctx) => {
  const problem = refProblem(ref);
  if (problem) ctx.addIssue({ code: 'custom', message: `ref "${ref.slice(0, 80)}" ${problem}` });
});

export const filesystemPath = z
  .string({ error: 'a path is required' })
  .min(1, { error: 'the path is empty' })
  .max(4096, { error: 'the path is longer than 4096 characters' })
  .refine((p) => !p.includes('\0'), { error: 'the path contains a NUL character' });
