import { calls } from '../../../shared/contract';
import { stringOption } from '../args';
import type { CliCommand } from '../command';
import { formatServiceLine } from '../format';
import { invoke } from '../invoke';

const json = (value: unknown): string => JSON.stringify(value, null, 2);

export const servicesListCommand: CliCommand = {
  words: ['services', 'list'],
  params: [],
  options: ['--json'],
  summary: calls['services.list'].doc,
  run: async ({ core, args, out }) => {
    const services = await invoke(core(), 'services.list', {});
    if (args.options.has('json')) return out.line(json(services));
    return out.line(
      services.length ? services.map(formatServiceLine).join('\n') : 'No services yet. Add one with: shipdeck services add <name> <repo-path>'
    );
  }
};

export const servicesAddCommand: CliCommand = {
  words: ['services', 'add'],
  params: ['<name>', '<repo-path>'],
  options: ['--image host/path', '--json'],
  summary: calls['services.add'].doc,
  run: async ({ core, params, args, out }) => {
    const [name = '', repoPath = ''] = params;
    const image = stringOption(args, 'image');
    const service = await invoke(core(), 'services.add', { name, repoPath, ...(image ? { imageRepository: image } : {}) });
    return out.line(args.options.has('json') ? json(service) : `Added ${service.name} (${service.repoPath})`);
  }
};

export const servicesRemoveCommand: CliCommand = {
  words: ['services', 'remove'],
  params: ['<name>'],
  options: ['--json'],
  summary: calls['services.remove'].doc,
  run: async ({ core, params, args, out }) => {
    const [service = ''] = params;
    const removed = await invoke(core(), 'services.remove', { service });
    return out.line(args.options.has('json') ? json(removed) : `Removed ${removed.service} (its release records are kept)`);
  }
};

export const servicesSetPathCommand: CliCommand = {
  words: ['services', 'set-path'],
  params: ['<name>', '<repo-path>'],
  options: ['--json'],
  summary: calls['services.setPath'].doc,
  run: async ({ core, params, args, out }) => {
    const [service = '', repoPath = ''] = params;
    const updated = await invoke(core(), 'services.setPath', { service, repoPath });
    return out.line(args.options.has('json') ? json(updated) : `${updated.name} now reads ${updated.repoPath}`);
  }
};
