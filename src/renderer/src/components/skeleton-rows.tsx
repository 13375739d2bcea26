const WIDTHS = [72, 55, 64, 80, 48, 68, 59, 76, 52, 66, 61, 70];

/** Placeholder rows while the first page of a list loads. */
export function SkeletonRows({ count = 12, label }: { readonly count?: number; readonly label: string }) {
  return (
    <div className="skeleton-rows" role="status" aria-label={label}>
      {Array.from({ length: count }, (_, i) => (
        <div key={i} className="skeleton-row" aria-hidden="true">
          <span className="skeleton-block sha" />
          <span className={`skeleton-block w${WIDTHS[i % WIDTHS.length]}`} />
          <span className="skeleton-block meta" />
        </div>
      ))}
    </div>
  );
}
