const PATHS = {
  history:
    'M1.6 7.2A6.4 6.4 0 1 1 3 11.3l1.2-.9A4.9 4.9 0 1 0 3.1 7.2h1.6L2.4 10 .1 7.2h1.5ZM8.7 4v3.7l2.6 1.6-.7 1.2-3.3-2V4h1.4Z',
  workspace:
    'M2 2.5C2 1.7 2.7 1 3.5 1h3C7.3 1 8 1.7 8 2.5v3C8 6.3 7.3 7 6.5 7h-3C2.7 7 2 6.3 2 5.5v-3Zm1.5 0v3h3v-3h-3ZM9 3.2h5v1.5H9V3.2ZM2 10.5C2 9.7 2.7 9 3.5 9h3c.8 0 1.5.7 1.5 1.5v3c0 .8-.7 1.5-1.5 1.5h-3c-.8 0-1.5-.7-1.5-1.5v-3Zm1.5 0v3h3v-3h-3ZM9 11.2h5v1.5H9v-1.5Z',
  merge:
    'M5 3.3a1.3 1.3 0 1 0 0-2.6 1.3 1.3 0 0 0 0 2.6Zm.7 1.3v.6c.5 1.7 2 3 3.8 3.3a2.3 2.3 0 1 1 0 1.4 6.3 6.3 0 0 1-3.8-2V11a2.3 2.3 0 1 1-1.4 0V4.6a2.3 2.3 0 1 1 1.4 0ZM11.8 10a.9.9 0 1 0 0-1.8.9.9 0 0 0 0 1.8ZM5 13.2a.9.9 0 1 0 0-1.8.9.9 0 0 0 0 1.8Z',
  tag: 'M1 2.5C1 1.7 1.7 1 2.5 1h4.1c.4 0 .8.2 1.1.4l6.5 6.6c.6.6.6 1.5 0 2.1l-4.1 4.1c-.6.6-1.5.6-2.1 0L1.4 7.7A1.5 1.5 0 0 1 1 6.6V2.5Zm1.5 0v4.1l6.5 6.5L13.1 9 6.6 2.5H2.5ZM5 6.2a1.2 1.2 0 1 1 0-2.4 1.2 1.2 0 0 1 0 2.4Z',
  lock: 'M4 6V4.5a4 4 0 1 1 8 0V6h.5c.8 0 1.5.7 1.5 1.5v6c0 .8-.7 1.5-1.5 1.5h-9C2.7 15 2 14.3 2 13.5v-6C2 6.7 2.7 6 3.5 6H4Zm1.5 0h5V4.5a2.5 2.5 0 0 0-5 0V6Zm-2 1.5v6h9v-6h-9Z',
  refresh:
    'M8 2.5a5.5 5.5 0 0 0-4.7 2.7H5.5v1.5H1V2.2h1.5v1.9A7 7 0 0 1 15 8h-1.5A5.5 5.5 0 0 0 8 2.5ZM2.5 8A5.5 5.5 0 0 0 12.7 10.8H10.5V9.3H15v4.5h-1.5v-1.9A7 7 0 0 1 1 8h1.5Z',
  swap: 'M10.5 1.5 14 5l-3.5 3.5-1-1L11.3 5.7H2.5V4.3h8.8L9.5 2.5l1-1Zm-5 6 1 1-1.8 1.8h8.8v1.4H4.7l1.8 1.8-1 1L2 11l3.5-3.5Z',
  pipeline: 'M1 3.5C1 2.7 1.7 2 2.5 2h3C6.3 2 7 2.7 7 3.5V4h2.5c1 0 1.7.8 1.7 1.7V7h2.3c.8 0 1.5.7 1.5 1.5v3c0 .8-.7 1.5-1.5 1.5h-3c-.8 0-1.5-.7-1.5-1.5v-3c0-.8.7-1.5 1.5-1.5h.2V5.7c0-.1-.1-.2-.2-.2H7V6.5C7 7.3 6.3 8 5.5 8h-3C1.7 8 1 7.3 1 6.5v-3Zm1.5 0v3h3v-3h-3Zm8 5v3h3v-3h-3Z',
  arrow: 'M9.3 3.5 13.8 8l-4.5 4.5-1-1 2.8-2.8H2V7.3h9.1L8.3 4.5l1-1Z'
} as const;

export type IconName = keyof typeof PATHS;

/** Small 16×16 glyphs drawn inline (no image requests, nothing for the CSP to refuse). */
export function Icon({ name, className }: { readonly name: IconName; readonly className?: string | undefined }) {
  return (
    <svg className={className ? `icon ${className}` : 'icon'} viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      <path d={PATHS[name]} fill="currentColor" fillRule="evenodd" />
    </svg>
  );
}
