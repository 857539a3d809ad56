import { trace } from '@verdict/express';
import type { PredictFn } from '@verdict/express';
import type { ChatModel } from './models';
import { createPipeline } from './pipeline';
import type { PipelineSettings } from './pipeline';

/** The two settings the Evaluate page runs and compares on a dataset. */
export const EVALUATION_SETTINGS: Record<string, PipelineSettings> = {
  // Today's app: three articles and the full instruction.
  'three-articles': { topK: 3 },
  // A cheaper candidate: one article and a terse instruction (fewer prompt tokens; does it lose facts?).
  'one-article-terse': { topK: 1, instruction: 'Answer in one short sentence from this help article only.' },
};

/**
 * The example's pipeline under each setting, as `verdict({ apps })` wants them: a row's
 * `{ question }` in, the answer text out (each call traced inside the evaluation's row trace).
 * @example verdict({ store, apps: evaluationApps(demoModel()) })
 */
export function evaluationApps(model: ChatModel): Record<string, PredictFn> {
  return Object.fromEntries(
    Object.entries(EVALUATION_SETTINGS).map(([name, settings]) => {
      const answer = createPipeline(model, trace, settings);
      const app: PredictFn = ({ question }, { signal }) => answer(String(question ?? ''), [], signal);
      return [name, app];
    }),
  );
}
