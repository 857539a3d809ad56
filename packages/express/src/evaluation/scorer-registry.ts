import { VerdictError } from '@verdict/core';
import type { JsonObject, ScorerRef } from '@verdict/core';
import { editDistance } from '../verdict-options';
import { containsAll, exactMatch, latencyUnder } from './code-scorers';
import { correctness, guidelines, relevanceToQuery, retrievalGroundedness, retrievalRelevance, safety } from './judges';
import type { Scorer } from './scorer';

type ScorerFactory = (options: JsonObject) => Scorer;

function invalid(message: string, path: (string | number)[]): VerdictError {
  return new VerdictError('INVALID_ARGUMENT', message, { issues: [{ code: 'custom', path, message }] });
}

/** The built-in scorers by wire name, each made from its `{ name, options }` reference. */
const BUILT_IN: Record<string, ScorerFactory> = {
  correctness: () => correctness(),
  guidelines: (options) => {
    const list = options.guidelines;
    if (list !== undefined && typeof list !== 'string' && !(Array.isArray(list) && list.every((item) => typeof item === 'string'))) {
      throw invalid('guidelines options.guidelines must be a string or a list of strings', ['options', 'guidelines']);
    }
    return guidelines(list === undefined ? {} : { guidelines: list as string | string[] });
  },
  relevance_to_query: () => relevanceToQuery(),
  retrieval_groundedness: () => retrievalGroundedness(),
  retrieval_relevance: () => retrievalRelevance(),
  safety: () => safety(),
  exact_match: () => exactMatch(),
  contains_all: (options) => {
    const facts = options.facts;
    if (facts !== undefined && !(Array.isArray(facts) && facts.every((fact) => typeof fact === 'string'))) {
      throw invalid('contains_all options.facts must be a list of strings: { name: "contains_all", options: { facts: ["Paris"] } }', ['options', 'facts']);
    }
    return containsAll(facts === undefined ? {} : { facts: facts as string[] });
  },
  latency_under: (options) => {
    const ms = options.ms;
    if (typeof ms !== 'number' || !(ms > 0)) throw invalid('latency_under needs options.ms, a positive number of milliseconds: { name: "latency_under", options: { ms: 2000 } }', ['options', 'ms']);
    return latencyUnder(ms);
  },
};

/**
 * The names every `verdict()` instance knows without registration.
 * @example BUILT_IN_SCORER_NAMES.includes('correctness') // true
 */
export const BUILT_IN_SCORER_NAMES: readonly string[] = Object.keys(BUILT_IN);

/** Turns scorer references into scorers: built-ins by wire name, then the host's own. */
export interface ScorerRegistry {
  resolve(refs: readonly ScorerRef[]): Scorer[];
  readonly names: readonly string[];
}

/**
 * A registry over the built-ins and the host's scorers (a host scorer of a built-in's name replaces it).
 * An unknown name, a duplicate or bad options is a 400 naming what is known.
 * @example createScorerRegistry([scorer('short', ({ outputs }) => String(outputs).length < 200)]).resolve(['short', 'exact_match'])
 */
export function createScorerRegistry(hostScorers: readonly Scorer[] = []): ScorerRegistry {
  const host = new Map(hostScorers.map((scorer) => [scorer.name, scorer]));
  const names = [...new Set([...BUILT_IN_SCORER_NAMES, ...host.keys()])];
  return {
    names,
    resolve(refs) {
      const seen = new Set<string>();
      return refs.map((ref, index) => {
        const name = typeof ref === 'string' ? ref : ref.name;
        const options = typeof ref === 'string' ? {} : (ref.options ?? {});
        if (seen.has(name)) throw invalid(`scorer ${name} is listed twice`, ['scorers', index]);
        seen.add(name);
        const own = host.get(name);
        if (own !== undefined) return own;
        const factory = BUILT_IN[name];
        if (factory !== undefined) return factory(options);
        const [best] = names.map((known) => ({ known, cost: editDistance(name, known) })).sort((a, b) => a.cost - b.cost);
        const hint = best !== undefined && best.cost <= 3 ? ` (did you mean ${best.known}?)` : '';
        throw invalid(`unknown scorer ${JSON.stringify(name)}${hint}; known scorers: ${names.join(', ')}`, ['scorers', index]);
      });
    },
  };
}
