/**
 * `shipdeck experiment <service> <env> status`: the A/B experiment of an environment (a canary held at
 * 50 % with a sticky key) — visitors and conversions per variant, the difference with its interval, the
 * verdict, what is still needed and how peeking is guarded.
 */
import { calls } from '../../../shared/contract';
import type { ExperimentStatus } from '../../../shared/domain/analysis';
import { UsageError } from '../args';
import type { CliCommand } from '../command';
import { invoke } from '../invoke';

const percent = (fraction: number): string => `${Number((fraction * 100).toFixed(2))} %`;
const signed = (fraction: number): string => `${fraction > 0 ? '+' : fraction < 0 ? '−' : ''}${percent(Math.abs(fraction))}`;
const count = (value: number): string => value.toLocaleString('en');

export function formatExperiment(status: ExperimentStatus): string {
  const [a, b] = status.variants;
  const row = (label: string, variant: ExperimentStatus['variants'][number]): string =>
    `  ${label}  ${count(variant.visitors).padStart(9)} visitors  ${count(variant.conversions).padStart(8)} conversions  ${percent(variant.rate).padStart(8)}`;
  const { estimate, low, high } = status.difference;
  const still =
    status.visitorsStillNeeded === null
      ? 'enough visitors for the minimum effect'
      : `${count(status.visitorsStillNeeded)} more visitors per variant for a ${percent(status.minimumEffect)} effect`;
  return [
    `Experiment in ${status.service}/${status.environment}: A = stable, B = canary (${status.design}, ${percent(status.confidence)} confidence)`,
    row('A', a),
    row('B', b),
    `  B − A: ${signed(estimate)} (interval ${signed(low)} … ${signed(high)})${status.pValue === null ? '' : `, p = ${status.pValue.toPrecision(2)}`}`,
    `  Verdict: ${status.verdict} — ${still}`,
    `  ${status.peekingGuard}`
  ].join('\n');
}

export const experimentCommand: CliCommand = {
  words: ['experiment'],
  params: ['<service>', '<env>', 'status'],
  options: ['--json'],
  summary: calls['experiments.status'].doc,
  details: ['Start one with a sticky key and a canary held at 50 %: shipdeck env set <service> <env> --strategy canary --sticky cookie:uid --canary-steps 50,100, then deploy variant B.'],
  run: async ({ core, params, args, out, signal }) => {
    const [service = '', environment = '', action = ''] = params;
    if (action !== 'status') throw new UsageError(`"${action}" is not an experiment action: shipdeck experiment ${service} ${environment} status`);
    const status = await invoke(core(), 'experiments.status', { service, environment }, signal);
    out.line(args.options.has('json') ? JSON.stringify(status, null, 2) : formatExperiment(status));
    return 0;
  }
};
