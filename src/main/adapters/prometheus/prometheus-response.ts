/**
 * Reads Prometheus' answer envelope (`{status, data, errorType, error, warnings}`) into series with
 * numeric points. Values arrive as strings: "NaN", "+Inf" and "-Inf" included; NaN stays NaN (a failed
 * measurement is never turned into a number).
 */
import { z } from 'zod';
import type { SeriesPoint } from '../../../shared/domain/analysis';
import type { MetricSample, MetricsAnswer } from '../../ports/metrics';

const pair = z.tuple([z.number(), z.string()]);
const labels = z.record(z.string(), z.string());

const data = z.discriminatedUnion('resultType', [
  z.object({ resultType: z.literal('vector'), result: z.array(z.object({ metric: labels, value: pair })) }),
  z.object({ resultType: z.literal('matrix'), result: z.array(z.object({ metric: labels, values: z.array(pair) })) }),
  z.object({ resultType: z.literal('scalar'), result: pair }),
  z.object({ resultType: z.literal('string'), result: pair })
]);

const envelope = z.object({
  status: z.enum(['success', 'error']),
  data: z.unknown().optional(),
  errorType: z.string().optional(),
  error: z.string().optional(),
  warnings: z.array(z.string()).optional()
});

export type ParsedEnvelope =
  | { readonly kind: 'answer'; readonly answer: MetricsAnswer }
  | { readonly kind: 'error'; readonly errorType: string; readonly error: string; readonly warnings: readonly string[] }
  | { readonly kind: 'not-prometheus'; readonly problem: string };

const toPoint = ([at, value]: readonly [number, string]): SeriesPoint => [at, parseValue(value)];

/** Prometheus' float text: a number, NaN, +Inf or -Inf. Anything else is NaN (never a made-up value). */
export function parseValue(text: string): number {
  if (text === '+Inf') return Number.POSITIVE_INFINITY;
  if (text === '-Inf') return Number.NEGATIVE_INFINITY;
  const value = Number(text);
  return text.trim() === '' ? Number.NaN : value;
}

/** The body of an answer, whatever its HTTP status (Prometheus answers errors with 400, 422 or 503 and a JSON body). */
export function parseEnvelope(body: string): ParsedEnvelope {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { kind: 'not-prometheus', problem: 'its answer is not JSON' };
  }
  const parsed = envelope.safeParse(json);
  if (!parsed.success) return { kind: 'not-prometheus', problem: 'its answer is JSON but not a Prometheus API answer' };
  const { status, errorType, error, warnings = [] } = parsed.data;
  if (status === 'error') return { kind: 'error', errorType: errorType ?? 'unknown', error: error ?? 'no message', warnings };
  const result = data.safeParse(parsed.data.data);
  if (!result.success) return { kind: 'not-prometheus', problem: 'its answer has no result Shipdeck can read' };
  return { kind: 'answer', answer: { series: seriesOf(result.data), warnings } };
}

function seriesOf(result: z.infer<typeof data>): readonly MetricSample[] {
  switch (result.resultType) {
    case 'vector':
      return result.result.map((sample) => ({ labels: sample.metric, points: [toPoint(sample.value)] }));
    case 'matrix':
      return result.result.map((sample) => ({ labels: sample.metric, points: sample.values.map(toPoint) }));
    case 'scalar':
      return [{ labels: {}, points: [toPoint(result.result)] }];
    case 'string':
      // A string is not a measurement.
      return [{ labels: {}, points: [[result.result[0], Number.NaN]] }];
  }
}
