import { useState, type RefObject } from 'react';
import { Button } from '../../components/button';
import { cx } from '../../components/cx';
import styles from './analysis.module.css';
import type { ChartTheme } from './chart-theme';
import { chartPng, downloadBlob, type LegendEntry } from './png-export';

/** Saves the chart drawn inside `plot` as a PNG under its title and legend; says so when it cannot. */
export function ExportPngButton({
  plot,
  title,
  subtitle,
  legend,
  fileName,
  theme
}: {
  readonly plot: RefObject<HTMLElement | null>;
  readonly title: string;
  readonly subtitle: string;
  readonly legend: readonly LegendEntry[];
  readonly fileName: string;
  readonly theme: ChartTheme;
}) {
  const [state, setState] = useState<'idle' | 'busy' | { readonly problem: string }>('idle');
  const exportPng = async () => {
    const svg = plot.current?.querySelector<SVGSVGElement>('svg.recharts-surface');
    if (!svg) return setState({ problem: 'The chart is not drawn yet; try again in a moment.' });
    setState('busy');
    try {
      const blob = await chartPng(svg, { title, subtitle, legend, background: theme.background, text: theme.text, muted: theme.muted, fontFamily: theme.fontFamily });
      downloadBlob(blob, fileName);
      setState('idle');
    } catch (error) {
      setState({ problem: error instanceof Error ? error.message : 'The chart could not be exported.' });
    }
  };
  return (
    <>
      <Button size="small" onClick={() => void exportPng()} disabled={state === 'busy'} data-testid="export-png" title={`Save this chart as ${fileName}`}>
        {state === 'busy' ? 'Exporting…' : 'Export PNG'}
      </Button>
      {typeof state === 'object' && (
        <p className={cx(styles.problem, styles.exportProblem)} role="alert">
          {state.problem}
        </p>
      )}
    </>
  );
}
