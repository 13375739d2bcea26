import { useEffect, useState } from 'react';

/**
 * The charts' colours, read from the design tokens as concrete values: SVG presentation attributes
 * then carry real colours, so a chart exported as PNG (drawn outside the page's style sheets) looks
 * the same as on screen. Read again when the system switches between light and dark.
 */
export interface ChartTheme {
  readonly baseline: string;
  readonly canary: string;
  readonly threshold: string;
  readonly breach: string;
  readonly pass: string;
  readonly fail: string;
  readonly inconclusive: string;
  readonly running: string;
  readonly grid: string;
  readonly axis: string;
  readonly text: string;
  readonly muted: string;
  readonly background: string;
  readonly fontFamily: string;
}

const TOKENS: Readonly<Record<keyof ChartTheme, readonly [token: string, fallback: string]>> = {
  baseline: ['--accent', '#0969da'],
  canary: ['--merge', '#8250df'],
  threshold: ['--danger', '#cf222e'],
  breach: ['--danger', '#cf222e'],
  pass: ['--success', '#1a7f37'],
  fail: ['--danger', '#cf222e'],
  inconclusive: ['--warning', '#9a6700'],
  running: ['--text-muted', '#59636e'],
  grid: ['--border-muted', '#e3e8ec'],
  axis: ['--border', '#d1d9e0'],
  text: ['--text', '#1f2328'],
  muted: ['--text-muted', '#59636e'],
  background: ['--bg', '#ffffff'],
  fontFamily: ['--font-sans', 'sans-serif']
};

export function readChartTheme(root: Element = document.documentElement): ChartTheme {
  const style = getComputedStyle(root);
  const entries = Object.entries(TOKENS).map(([key, [token, fallback]]) => [key, style.getPropertyValue(token).trim() || fallback]);
  return Object.fromEntries(entries) as unknown as ChartTheme;
}

const DARK = '(prefers-color-scheme: dark)';

export function useChartTheme(): ChartTheme {
  const [theme, setTheme] = useState(readChartTheme);
  useEffect(() => {
    const media = window.matchMedia(DARK);
    const update = () => setTheme(readChartTheme());
    media.addEventListener('change', update);
    return () => media.removeEventListener('change', update);
  }, []);
  return theme;
}
