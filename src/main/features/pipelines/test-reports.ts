/**
 * Test summaries for provenance: the totals of the JUnit XML reports a run's stages leave in
 * `.shipdeck/reports/*.xml` of the checkout. Only the `<testsuite>` counts are read (tests, failures,
 * errors, skipped); a `<testsuites>` wrapper's own counts are ignored so nothing is counted twice.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { TestSummary } from '../../../shared/domain/pipeline-runs';

export const REPORTS_FOLDER = '.shipdeck/reports';
const MAX_REPORT_BYTES = 32 * 1024 * 1024;

const count = (attributes: string, name: string): number => {
  const match = new RegExp(`\\b${name}\\s*=\\s*["'](\\d+)["']`).exec(attributes);
  return match ? Number(match[1]) : 0;
};

/** Sums the `<testsuite …>` opening tags of one JUnit XML document. */
export function parseJUnitTotals(xml: string): Omit<TestSummary, 'files'> {
  const totals = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  for (const match of xml.matchAll(/<testsuite(\s[^>]*)?>/g)) {
    const attributes = match[1] ?? '';
    totals.tests += count(attributes, 'tests');
    totals.failures += count(attributes, 'failures');
    totals.errors += count(attributes, 'errors');
    totals.skipped += count(attributes, 'skipped') + count(attributes, 'disabled');
  }
  return totals;
}

/** The summary of the reports in a checkout, or null when it has none. */
export async function readTestSummary(checkoutPath: string): Promise<TestSummary | null> {
  const folder = path.join(checkoutPath, REPORTS_FOLDER);
  const names = await readdir(folder).catch(() => [] as string[]);
  const reports = names.filter((name) => name.endsWith('.xml')).sort();
  if (reports.length === 0) return null;
  const summary = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  const files: string[] = [];
  for (const name of reports) {
    const text = await readFile(path.join(folder, name), 'utf8').catch(() => null);
    if (text === null || text.length > MAX_REPORT_BYTES) continue;
    const totals = parseJUnitTotals(text);
    summary.tests += totals.tests;
    summary.failures += totals.failures;
    summary.errors += totals.errors;
    summary.skipped += totals.skipped;
    files.push(`${REPORTS_FOLDER}/${name}`);
  }
  return files.length === 0 ? null : { ...summary, files };
}
