import type { EvalRow, JsonValue } from '@verdict/core';
import { ScoreView } from './score-view';

const pretty = (value: JsonValue | undefined) => (value === undefined ? '—' : JSON.stringify(value, null, 2));

/**
 * An opened eval row: each scorer's verdict with its rationale (or its error message), then the
 * row's full inputs, outputs and expectations as JSON text.
 * @example <EvalRowDetails row={row} scorers={['correctness']} />
 */
export function EvalRowDetails({ row, scorers }: { row: EvalRow; scorers: readonly string[] }) {
  return (
    <div className="vd-eval-details">
      <dl className="vd-eval-details__scores">
        {scorers.map((name) => {
          const score = row.scores[name];
          return (
            <div key={name} className="vd-eval-details__score">
              <dt>
                {name} <ScoreView score={score} />
              </dt>
              <dd>
                {score?.error !== undefined
                  ? (score.error.error_message ?? score.error.error_code)
                  : (score?.rationale ?? <span className="vd-eval-muted">No rationale given.</span>)}
              </dd>
            </div>
          );
        })}
      </dl>
      <dl className="vd-eval-details__data">
        {(['inputs', 'outputs', 'expectations'] as const).map((key) => (
          <div key={key}>
            <dt>{key[0]!.toUpperCase() + key.slice(1)}</dt>
            <dd>
              <pre className="vd-eval-details__json">{pretty(row[key] as JsonValue | undefined)}</pre>
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
