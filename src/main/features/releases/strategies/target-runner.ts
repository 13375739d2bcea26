/**
 * One StrategyRunner for every kind of target: each call goes to the runner of the environment's target
 * kind (docker or kubernetes), looked up in the workspace at the call, so an environment changed from one
 * kind to the other is released the new way from then on.
 */
import type { TargetKind } from '../../../../shared/domain/workspace';
import { AppError } from '../../../../shared/result';
import type { WorkspaceReads } from '../../../ports/store';
import type { StrategyRunner } from './strategy';

export interface TargetRunners {
  readonly workspace: Pick<WorkspaceReads, 'findService'>;
  readonly docker: StrategyRunner;
  /** Null when the core has no Kubernetes adapter (then kubernetes environments are refused with why). */
  readonly kubernetes: StrategyRunner | null;
}

export function createTargetRunner(runners: TargetRunners): StrategyRunner {
  const kindOf = (service: string, environment: string): TargetKind =>
    runners.workspace.findService(service)?.environments.find((candidate) => candidate.name === environment)?.targetKind ?? 'docker';
  const runnerFor = (service: string, environment: string): StrategyRunner => {
    const kind = kindOf(service, environment);
    if (kind === 'docker') return runners.docker;
    if (kind === 'kubernetes' && runners.kubernetes) return runners.kubernetes;
    throw new AppError('ENVIRONMENT_NOT_CONFIGURED', `${service}/${environment} targets ${kind}, which this Shipdeck cannot release to.`, 'Use a docker or kubernetes target: shipdeck env set --target …');
  };
  return {
    run: (run) => runnerFor(run.service, run.environment).run(run),
    fastRollback: (service, environment, settings, digest, report) => runnerFor(service, environment).fastRollback(service, environment, settings, digest, report),
    readState: (service, environment, signal) => runnerFor(service, environment).readState(service, environment, signal),
    removeIdle: (service, environment) => runnerFor(service, environment).removeIdle(service, environment)
  };
}
