import { calls } from '../../../shared/contract';
import { intOption, UsageError } from '../args';
import type { CliCommand } from '../command';
import { invoke } from '../invoke';
import { serve } from '../serve';

export const serveCommand: CliCommand = {
  words: ['serve'],
  params: [],
  options: ['--port N'],
  summary: 'Runs Shipdeck in a browser (loopback only) until Ctrl-C.',
  run: async ({ args, dataDir, version }) => {
    const port = intOption(args, 'port');
    if (port !== undefined && port > 65535) throw new UsageError(`--port must be between 0 and 65535, got ${port}`);
    await serve({ dataDir, port, version });
    return 0;
  }
};

export const demoCommand: CliCommand = {
  words: ['demo'],
  params: [],
  options: ['--json'],
  summary: calls['demo.open'].doc,
  run: async ({ core, args, out }) => {
    const service = await invoke(core(), 'demo.open', {});
    return out.line(args.options.has('json') ? JSON.stringify(service, null, 2) : `Demo service ${service.name} is ready (${service.repoPath})`);
  }
};

export const infoCommand: CliCommand = {
  words: ['info'],
  params: [],
  options: ['--json'],
  summary: calls['app.info'].doc,
  run: async ({ core, args, out }) => {
    const info = await invoke(core(), 'app.info', {});
    if (args.options.has('json')) return out.line(JSON.stringify(info, null, 2));
    return out.line(`Shipdeck ${info.version} (${info.mode}, ${info.platform})\ndata folder: ${info.dataDir}`);
  }
};
