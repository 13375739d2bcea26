/** A small, quiet activity indicator with a text for screen readers. */
export function Spinner({ label = 'Loading' }: { readonly label?: string }) {
  return (
    <span className="spinner-wrap" role="status">
      <span className="spinner" aria-hidden="true" />
      <span className="visually-hidden">{label}</span>
    </span>
  );
}
