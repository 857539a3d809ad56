import type { Route } from './use-hash-route';

const LINKS = [
  { href: '#/', label: 'Chat', page: 'chat' },
  { href: '#/traces', label: 'Traces', page: 'traces' },
  { href: '#/summary', label: 'Summary', page: 'summary' },
  { href: '#/review', label: 'Review', page: 'review' },
  { href: '#/evaluate', label: 'Evaluate', page: 'evaluate' },
] as const;

/** The example's three pages; the current one is marked for screen readers too. */
export function Nav({ route }: { route: Route }) {
  return (
    <nav className="page__nav" aria-label="Pages">
      {LINKS.map((link) => (
        <a key={link.page} href={link.href} aria-current={route.page === link.page ? 'page' : undefined}>
          {link.label}
        </a>
      ))}
    </nav>
  );
}
