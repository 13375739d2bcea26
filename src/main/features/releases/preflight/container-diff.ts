import type { SettingChange } from '../../../../shared/domain/environment-settings';
import type { ImageConfigSummary } from '../../../ports/environment-runtime';

// Values of variables with these words in their names are not shown (they may be credentials baked into the image).
const SECRET_NAME = /PASSWORD|PASSWD|SECRET|TOKEN|KEY|CREDENTIAL|PRIVATE/i;

const shown = (text: string): string => (text === '' ? 'none' : text);
const list = (values: readonly string[]): string => shown(values.join(' '));

function environmentVariables(env: readonly string[]): Map<string, string> {
  const variables = new Map<string, string>();
  for (const entry of env) {
    const equals = entry.indexOf('=');
    variables.set(equals < 0 ? entry : entry.slice(0, equals), equals < 0 ? '' : entry.slice(equals + 1));
  }
  return variables;
}

function environmentChanges(from: readonly string[], to: readonly string[]): SettingChange[] {
  const before = environmentVariables(from);
  const after = environmentVariables(to);
  const names = [...new Set([...before.keys(), ...after.keys()])].sort();
  return names.flatMap((name) => {
    const was = before.get(name);
    const will = after.get(name);
    if (was === will) return [];
    const secret = SECRET_NAME.test(name);
    const value = (text: string | undefined, other: string | undefined) =>
      text === undefined ? 'unset' : secret ? (other === undefined ? 'set (value hidden)' : 'a value (hidden)') : text;
    return [{ setting: `env ${name}`, from: value(was, will), to: value(will, was) }];
  });
}

/**
 * What differs between two images' container configuration (`from` runs now, `to` is what a rollback
 * starts): environment variables one by one, then command, entrypoint, ports, user, working folder.
 */
export function diffImageConfig(from: ImageConfigSummary, to: ImageConfigSummary): SettingChange[] {
  const fields: readonly [string, string, string][] = [
    ['entrypoint', list(from.entrypoint), list(to.entrypoint)],
    ['command', list(from.cmd), list(to.cmd)],
    ['exposed ports', list([...from.exposedPorts].sort()), list([...to.exposedPorts].sort())],
    ['user', shown(from.user), shown(to.user)],
    ['working folder', shown(from.workingDir), shown(to.workingDir)]
  ];
  return [
    ...environmentChanges(from.env, to.env),
    ...fields.filter(([, was, will]) => was !== will).map(([setting, was, will]) => ({ setting, from: was, to: will }))
  ];
}
