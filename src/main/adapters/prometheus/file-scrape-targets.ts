/**
 * Prometheus' file-based service discovery: `<dataDir>/prometheus/targets/<service>-<environment>.json`,
 * a list of `{targets, labels}` groups. A user's Prometheus reads the folder with
 *
 *   scrape_configs:
 *     - job_name: shipdeck
 *       file_sd_configs: [{ files: ['<dataDir>/prometheus/targets/*.json'] }]
 *
 * Each file is written to a temporary name and renamed into place: Prometheus watches the folder and must
 * never read half a file.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { ScrapeTarget, ScrapeTargetsPort } from '../../ports/metrics';

export const scrapeTargetsFolder = (dataDir: string): string => path.join(dataDir, 'prometheus', 'targets');

/** Service and environment names are already file-safe (letters, digits, ".", "_", "-"). */
export const scrapeTargetsFile = (dataDir: string, service: string, environment: string): string =>
  path.join(scrapeTargetsFolder(dataDir), `${service}-${environment}.json`);

export function createFileScrapeTargets(dataDir: string): ScrapeTargetsPort {
  const folder = scrapeTargetsFolder(dataDir);
  // Writes of one file never overlap: the last one asked for wins, in order.
  const queues = new Map<string, Promise<void>>();
  let sequence = 0;
  return {
    folder,
    write(service, environment, targets) {
      const file = scrapeTargetsFile(dataDir, service, environment);
      const groups = targets.map((target: ScrapeTarget) => ({ targets: [target.address], labels: target.labels }));
      const body = `${JSON.stringify(groups, null, 2)}\n`;
      const previous = queues.get(file) ?? Promise.resolve();
      const next = previous.then(async () => {
        await fs.mkdir(folder, { recursive: true });
        const temporary = path.join(folder, `.${path.basename(file)}.${process.pid}.${++sequence}.tmp`);
        await fs.writeFile(temporary, body);
        await fs.rename(temporary, file);
      });
      const settled = next.catch(() => undefined);
      queues.set(file, settled);
      void settled.then(() => {
        if (queues.get(file) === settled) queues.delete(file);
      });
      return next;
    }
  };
}
