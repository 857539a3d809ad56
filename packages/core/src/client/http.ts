import * as z from 'zod/mini';
import { toIssues } from '../errors';
import { parseJson, send, urlOf } from './send';
import type { RequestSpec, Transport } from './send';
import { HttpError } from './http-error';

export { send, requestVoid, requestGuarded, queryOf, withSignal } from './send';
export type { HeadersOption, Transport, RequestSpec } from './send';

/** Sends a request and parses its JSON answer with `schema`: network JSON is never trusted as is. */
export async function requestJson<Schema extends z.core.$ZodType>(
  transport: Transport,
  spec: RequestSpec,
  schema: Schema,
): Promise<z.output<Schema>> {
  const response = await send(transport, spec);
  const url = urlOf(transport, spec);
  const invalid = (message: string, extra: { cause?: unknown; issues?: ReturnType<typeof toIssues> }) =>
    new HttpError(`${spec.method} ${url}: ${message}`, {
      status: response.status,
      code: 'INVALID_RESPONSE',
      method: spec.method,
      url,
      ...extra,
    });
  const json = parseJson(await response.text());
  if (!json.ok) throw invalid('the answer is not JSON', { cause: json.error });
  const result = z.safeParse(schema, json.value);
  if (!result.success) throw invalid('the answer does not match its schema', { issues: toIssues(result.error.issues) });
  return result.data;
}

