import { FeedbackSummary } from '@verdict/react';
import { useId, useMemo, useState } from 'react';

const HOUR = 3_600_000;
const WINDOWS = [
  { value: 'day', label: 'Last 24 hours', ms: 24 * HOUR, bucket: 'hour' },
  { value: 'week', label: 'Last 7 days', ms: 7 * 24 * HOUR, bucket: 'day' },
  { value: 'month', label: 'Last 30 days', ms: 30 * 24 * HOUR, bucket: 'day' },
  { value: 'all', label: 'All time', ms: undefined, bucket: 'day' },
] as const;

/** The Summary page: feedback rate, positive rate and ratings over a window the user picks. */
export function SummaryPage() {
  const id = useId();
  const [choice, setChoice] = useState<(typeof WINDOWS)[number]['value']>('week');
  const picked = WINDOWS.find((entry) => entry.value === choice) ?? WINDOWS[1];
  // Fixed when the window is picked, so re-renders do not move it (and refetch) every millisecond.
  const start = useMemo(() => (picked.ms === undefined ? undefined : Date.now() - picked.ms), [picked]);
  return (
    <section>
      <p>
        <label htmlFor={id}>Window </label>
        <select id={id} value={choice} onChange={(event) => setChoice(event.target.value as typeof choice)}>
          {WINDOWS.map((entry) => (
            <option key={entry.value} value={entry.value}>
              {entry.label}
            </option>
          ))}
        </select>
      </p>
      <FeedbackSummary title="Feedback summary" bucket={picked.bucket} {...(start === undefined ? {} : { startTimeMs: start })} />
    </section>
  );
}
