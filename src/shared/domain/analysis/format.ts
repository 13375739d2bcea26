/** Numbers as the judge's sentences show them: three significant digits, p-values in scientific form when tiny. */

export function formatValue(value: number | null): string {
  if (value === null || Number.isNaN(value)) return 'n/a';
  if (value === Infinity) return '∞';
  if (value === -Infinity) return '−∞';
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e6 || magnitude < 1e-4) return value.toExponential(2).replace('e+', 'e');
  return String(Number(value.toPrecision(3)));
}

export const formatSigned = (value: number | null): string => (value !== null && value > 0 ? `+${formatValue(value)}` : formatValue(value));

export function formatP(p: number): string {
  if (p < 1e-4) return p.toExponential(1);
  return String(Number(p.toPrecision(2)));
}

export function formatRatio(ratio: number | null): string {
  if (ratio === null) return 'undefined';
  if (ratio === Infinity) return '∞ ×';
  return `${Number(ratio.toPrecision(3))} ×`;
}

export const formatPercent = (fraction: number): string => `${Number((fraction * 100).toPrecision(3))} %`;
