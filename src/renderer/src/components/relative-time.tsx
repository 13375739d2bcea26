import { formatAbsoluteTime, formatRelativeTime } from '../lib/relative-time';
import { useNow } from '../lib/use-now';

/** "3 days ago", with the exact time (in the recorded time zone) on hover. */
export function RelativeTime({ iso, className }: { readonly iso: string; readonly className?: string | undefined }) {
  const now = useNow();
  return (
    <time className={className} dateTime={iso} title={formatAbsoluteTime(iso)}>
      {formatRelativeTime(iso, now)}
    </time>
  );
}
