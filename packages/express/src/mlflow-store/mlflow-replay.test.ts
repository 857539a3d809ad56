// Holds the store's request builders and response parsers against exchanges recorded with a
// real MLflow 3.6.1.dev0 server (test-support/recorded), and replays the recorded requests
// against the emulator, which must answer with the recorded statuses.
import { AssessmentSchema, SpanSchema, TraceInfoSchema } from '@verdict/core';
import type { Trace } from '@verdict/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromMlflowAssessment } from './assessment-mapping';
import { detectCapabilities } from './capabilities';
import { resolveExperiment } from './experiment';
import { createMlflowHttp } from './http-client';
import {
  createAssessmentRequest,
  deleteAssessmentRequest,
  getTraceInfoRequest,
  getTraceSpansRequest,
  otlpExportRequest,
  parseSearchResponse,
  parseSpans,
  parseTraceInfo,
  rawAssessmentOf,
  rawTraceInfoOf,
  searchRequest,
  startTraceRequest,
} from './mlflow-requests';
import { toMlflowFilter, toMlflowOrder } from './search-filter';
import { spanSetHash } from './span-payload';
import { INFO_KEY } from './trace-info-mapping';
import { startMlflowEmulator } from './test-support/mlflow-emulator';
import type { MlflowEmulator } from './test-support/mlflow-emulator';
import { decodeExportTraceRequest } from './test-support/otlp-decode';
import { recorded } from './test-support/recorded';
import type { Recorded } from './test-support/recorded';
import { startReplayServer } from './test-support/replay-server';

type Loose = Record<string, unknown>;
const b64ToHex = (value: string) => Buffer.from(value, 'base64').toString('hex');
const pathWithQuery = (request: { path: string; query?: Record<string, unknown> }) => {
  const query = new URLSearchParams(Object.entries(request.query ?? {}).map(([key, value]): [string, string] => [key, String(value)])).toString();
  return query === '' ? request.path : `${request.path}?${query}`;
};

describe('request builders produce what MLflow was sent', () => {
  it('StartTraceV3: the recorded body, plus only Verdict bookkeeping', () => {
    const exchange = recorded('traces_v3_start');
    const sent = (exchange.request.body as { trace: { trace_info: Loose } }).trace.trace_info;
    const { 'mlflow.trace_schema.version': _version, ...metadata } = sent.trace_metadata as Record<string, string>;
    const trace: Trace = {
      info: {
        trace_id: sent.trace_id as string,
        client_request_id: sent.client_request_id as string,
        request_time: Date.parse(sent.request_time as string),
        execution_duration: 250,
        state: 'OK',
        request_preview: sent.request_preview as string,
        response_preview: sent.response_preview as string,
        tags: sent.tags as Record<string, string>,
        trace_metadata: metadata,
        assessments: [],
      },
      data: { spans: [] },
    };
    const built = startTraceRequest(trace, '1', { via: 'otlp', hash: spanSetHash([]) });
    expect([built.method, built.path]).toEqual([exchange.request.method, exchange.request.path]);
    const info = (built.json as { trace: { trace_info: Loose } }).trace.trace_info;
    const { [INFO_KEY]: bookkeeping, ...builtMetadata } = info.trace_metadata as Record<string, string>;
    expect({ ...info, trace_metadata: { ...builtMetadata, 'mlflow.trace_schema.version': '3' } }).toEqual(sent);
    expect(bookkeeping?.length).toBeLessThanOrEqual(250);
  });

  it('OTLP export: protobuf with the experiment header, spans carrying the recorded attributes', () => {
    const exchange = recorded('otlp_v1_traces_export');
    const spans = (exchange.request.body as { otlp: { resourceSpans: Array<{ scopeSpans: Array<{ spans: Loose[] }> }> } }).otlp.resourceSpans[0]!.scopeSpans[0]!.spans;
    const traceId = `tr-${b64ToHex(spans[0]!.traceId as string)}`;
    const attr = (span: Loose, key: string) => ((span.attributes as Array<{ key: string; value: { stringValue: string } }>).find((entry) => entry.key === key)?.value.stringValue ?? '');
    const trace: Trace = {
      info: { trace_id: traceId, request_time: 0, execution_duration: 100, state: 'OK', request_preview: '', response_preview: '', tags: {}, trace_metadata: {}, assessments: [] },
      data: {
        spans: spans.map((span) => ({
          trace_id: traceId,
          span_id: b64ToHex(span.spanId as string),
          parent_span_id: span.parentSpanId === undefined ? null : b64ToHex(span.parentSpanId as string),
          name: span.name as string,
          span_type: JSON.parse(attr(span, 'mlflow.spanType')) as 'AGENT',
          start_time_ms: Number(BigInt(span.startTimeUnixNano as string) / 1000n) / 1000,
          end_time_ms: Number(BigInt(span.endTimeUnixNano as string) / 1000n) / 1000,
          status: { code: 'OK' },
          inputs: JSON.parse(attr(span, 'mlflow.spanInputs')) as never,
          outputs: JSON.parse(attr(span, 'mlflow.spanOutputs')) as never,
          attributes: {},
          events: [],
        })),
      },
    };
    const built = otlpExportRequest(trace, '1', 'h');
    expect([built.method, built.path]).toEqual([exchange.request.method, exchange.request.path]);
    expect(built.headers).toEqual(exchange.request.headers);
    const decoded = decodeExportTraceRequest(built.body!);
    expect(decoded.spans.map((span) => [span.traceId, span.spanId, span.parentSpanId, span.name])).toEqual(
      spans.map((span) => [b64ToHex(span.traceId as string), b64ToHex(span.spanId as string), span.parentSpanId === undefined ? '' : b64ToHex(span.parentSpanId as string), span.name]),
    );
    decoded.spans.forEach((span, index) => {
      const original = spans[index]!;
      // Microsecond-exact ns (the recording has sub-µs digits Verdict's ms doubles do not keep).
      expect(span.startNs / 1000n).toBe(BigInt(original.startTimeUnixNano as string) / 1000n);
      expect(span.attributes['mlflow.spanType']).toBe(attr(original, 'mlflow.spanType'));
      expect(JSON.parse(span.attributes['mlflow.spanInputs'] as string)).toEqual(JSON.parse(attr(original, 'mlflow.spanInputs')));
      expect(span.attributes['mlflow.traceRequestId']).toBe(JSON.stringify(traceId));
      expect(span.status.code).toBe(1);
    });
  });

  it.each([
    'assessments_create_feedback',
    'assessments_create_feedback_numeric_llm_judge',
    'assessments_create_feedback_error',
    'assessments_create_on_span',
    'assessments_create_expectation',
    'assessments_create_override',
  ])('CreateAssessment: %s', (name) => {
    const exchange = recorded(name);
    const answer = rawAssessmentOf(exchange.response.body)!;
    const assessment = fromMlflowAssessment(answer, new Map([[String(answer.overrides), 'a-' + '1'.repeat(32)]]));
    expect(AssessmentSchema.safeParse(assessment).success).toBe(true);
    const verdict = { ...assessment!, assessment_id: 'a-' + 'f'.repeat(32) };
    const built = createAssessmentRequest(verdict, answer.overrides as string | undefined);
    expect([built.method, built.path]).toEqual([exchange.request.method, exchange.request.path]);
    const sent = (built.json as { assessment: Loose }).assessment;
    const recordedSent = (exchange.request.body as { assessment: Loose }).assessment;
    // Everything the recorded client sent, in the same form — except object expectations, which
    // Verdict sends the way MLflow stores them (serialized_value), as its Python client does.
    const expected: Loose = { ...recordedSent, create_time: answer.create_time, last_update_time: answer.last_update_time };
    if (name === 'assessments_create_expectation') {
      // Same JSON as MLflow's own serialisation (which spaces and orders keys its way).
      const serialized = (answer.expectation as { serialized_value: { serialization_format: string; value: string } }).serialized_value;
      const mine = (sent.expectation as { serialized_value: { serialization_format: string; value: string } }).serialized_value;
      expect(mine.serialization_format).toBe(serialized.serialization_format);
      expect(JSON.parse(mine.value)).toEqual(JSON.parse(serialized.value));
      expected.expectation = sent.expectation;
    }
    const { metadata, ...rest } = sent;
    expect(rest).toEqual(Object.fromEntries(Object.entries(expected).filter(([key]) => key !== 'metadata')));
    expect(metadata).toEqual({ ...(recordedSent.metadata as object | undefined), 'verdict.assessment_id': verdict.assessment_id });
  });

  it('DeleteAssessment: ids in the path, no body, no query', () => {
    const exchange = recorded('assessments_delete');
    const [, traceId, assessmentId] = /traces\/([^/]+)\/assessments\/([^/]+)$/.exec(exchange.request.path)!;
    const built = deleteAssessmentRequest(traceId!, assessmentId!);
    expect({ method: built.method, path: built.path, body: built.json ?? null }).toEqual({ method: 'DELETE', path: exchange.request.path, body: exchange.request.body });
  });

  it('SearchTracesV3: POST with locations, MLflow filter grammar, order_by', () => {
    const tag = recorded('traces_v3_search_filter_tag');
    const body = tag.request.body as Loose;
    // The recorded clauses exactly as the real server accepted them (labeling copies are dropped client-side).
    expect(toMlflowFilter({ tags: { env: 'prod' } } as never, undefined)).toBe(body.filter);
    expect(toMlflowFilter({ state: 'OK' } as never, undefined)).toBe((recorded('traces_v3_search_filter_status').request.body as Loose).filter);
    expect(toMlflowFilter({ tags: { 'verdict.labeling_copy': 'true' } } as never, undefined)).toBe("tag.`verdict.labeling_copy` = 'true'");
    const built = searchRequest('1', body.filter as string, toMlflowOrder('DESC'), 10, undefined);
    expect([built.method, built.path]).toEqual([tag.request.method, tag.request.path]);
    expect(built.json).toMatchObject({ locations: body.locations, filter: body.filter, max_results: 10 });
    expect((built.json as { order_by: string[] }).order_by[0]).toBe((body.order_by as string[])[0]);
    expect((searchRequest('1', '', toMlflowOrder('DESC'), 501, undefined).json as Loose).max_results).toBe(500);
  });

  it('GetTraceInfoV3 and GetTrace (allow_partial) paths', () => {
    expect(getTraceInfoRequest('tr-b0f60cbacf5b48ac8f719ac6b3899134').path).toBe(recorded('traces_v3_get_info').request.path);
    expect(pathWithQuery(getTraceSpansRequest('tr-b0f60cbacf5b48ac8f719ac6b3899134'))).toBe(recorded('traces_v3_get_full_trace_no_spans_allow_partial').request.path);
  });
});

describe('response parsers accept what MLflow answered', () => {
  it('a TraceInfo with every kind of assessment; ones Verdict cannot represent are left out', () => {
    const raw = rawTraceInfoOf(recorded('traces_v3_get_info_with_assessments').response.body)!;
    const { info } = parseTraceInfo(raw);
    expect(TraceInfoSchema.safeParse(info).success).toBe(true);
    expect(info).toMatchObject({ trace_id: 'tr-b0f60cbacf5b48ac8f719ac6b3899134', client_request_id: 'client-req-1', execution_duration: 250, state: 'OK' });
    expect(info.tags).toEqual({ 'mlflow.traceName': 'predict', team: 'contracts', env: 'prod', v2tag: 'x' });
    // The nameless and the sourceless assessment MLflow accepted are not Verdict assessments.
    expect(info.assessments.map((assessment) => assessment.assessment_name)).toEqual(['correctness', 'relevance', 'toxicity', 'expected_answer', 'span_quality', 'relevance']);
    const [, judged, errored, , , override] = info.assessments;
    expect(judged).toMatchObject({ valid: false, feedback: { value: 0.8 } });
    expect(errored?.feedback).toEqual({ error: { error_code: 'RATE_LIMIT', error_message: 'judge rate limited' } });
    expect(override).toMatchObject({ overrides: judged?.assessment_id, valid: true });
  });

  it('spans from GetTrace (OTel proto JSON) and from get-trace-artifact (span dicts) read the same', () => {
    const fromDb = parseSpans(recorded('traces_v3_get_full_trace_otlp').response.body, 'tr-241f61764a234d50940a20241ca450f5', undefined);
    const fromArtifact = parseSpans(recorded('traces_get_trace_artifact_ajax').response.body, 'tr-241f61764a234d50940a20241ca450f5', undefined);
    expect(fromDb).toEqual(fromArtifact);
    for (const span of fromDb) expect(SpanSchema.safeParse(span).success).toBe(true);
    expect(fromDb.map((span) => [span.span_id, span.parent_span_id, span.span_type, span.inputs])).toEqual([
      // The hex id a recorded assessment used for this span (assessments_create_on_otlp_trace).
      ['bc8effb9c3f9302f', null, 'AGENT', { q: 'hi' }],
      ['54e4cba520536b60', 'bc8effb9c3f9302f', 'RETRIEVER', { query: 'mlflow' }],
    ]);
    expect(fromDb[0]?.outputs).toBe('hello');
    expect(fromDb[0]?.start_time_ms).toBeCloseTo(1795430067602.4138, 3);
  });

  it('spans the Python client wrote (typed OTLP attributes) from BatchGet', () => {
    const body = recorded('python_client_16_GET_api_30_mlflow_traces_batchGet').response.body as { traces: Array<{ trace_info: Loose; spans: unknown[] }> };
    const spans = parseSpans({ spans: body.traces[0]!.spans }, 'tr-fb7584d6c1e718ba198d675cd5d19cfa', undefined);
    expect(spans.length).toBe(body.traces[0]!.spans.length);
    expect(spans[0]).toMatchObject({ name: 'predict', span_type: 'AGENT', inputs: { question: 'What is MLflow?' }, attributes: { 'mlflow.spanFunctionName': 'predict' } });
    expect(parseTraceInfo(body.traces[0]!.trace_info).info.assessments.length).toBeGreaterThan(0);
  });

  it('search pages, with and without a next page token', () => {
    const page = parseSearchResponse(recorded('traces_v3_search_after_otlp').response.body);
    expect(page.infos.map((info) => info.trace_id)).toEqual(['tr-241f61764a234d50940a20241ca450f5', 'tr-b0f60cbacf5b48ac8f719ac6b3899134']);
    expect(page.nextPageToken).toBeUndefined();
    expect(parseSearchResponse(recorded('probe_ajax_v3_search').response.body).nextPageToken).toBe('eyJvZmZzZXQiOiAxfQ==');
  });
});

describe('experiment resolution and capability probes against recorded answers', () => {
  const name = 'contract-fixtures-cb69bca7';
  // The one answer not recorded: get-by-name of an experiment that does not exist yet (MLflow's
  // RESOURCE_DOES_NOT_EXIST 404, as the emulator gives it).
  const missing: Pick<Recorded, 'response'> = {
    response: { status: 404, content_type: 'application/json', body: { error_code: 'RESOURCE_DOES_NOT_EXIST', message: `Could not find experiment with name '${name}'` } },
  };
  /** Runs `use` against a replay server answering `script`, and returns what it was sent. */
  async function replay<T>(script: Array<Pick<Recorded, 'response'>>, use: (http: ReturnType<typeof createMlflowHttp>) => Promise<T>) {
    const server = await startReplayServer(script);
    try {
      const result = await use(createMlflowHttp({ baseUrl: server.url, retry: { attempts: 1 } }));
      return { result, received: server.received };
    } finally {
      await server.close();
    }
  }
  const shape = (request: { method: string; path: string; body: unknown }) => ({ method: request.method, path: request.path, body: request.body });
  const recordedShape = (exchange: Recorded) => ({ method: exchange.request.method, path: exchange.request.path, body: exchange.request.body });

  it('by id: the recorded GetExperiment request, its answer read as id and artifact location', async () => {
    const exchange = recorded('experiments_get');
    const { result, received } = await replay([exchange], (http) => resolveExperiment(http, { id: '1' }));
    expect(received.map(shape)).toEqual([recordedShape(exchange)]);
    expect(result).toEqual({ id: '1', artifactLocation: 'mlflow-artifacts:/1' });
  });

  it('by name, existing: one recorded GetExperimentByName', async () => {
    const exchange = recorded('experiments_get_by_name');
    const { result, received } = await replay([exchange], (http) => resolveExperiment(http, { name }));
    expect(received.map(shape)).toEqual([recordedShape(exchange)]);
    expect(result).toEqual({ id: '1', artifactLocation: 'mlflow-artifacts:/1' });
  });

  it('by name, missing: the recorded CreateExperiment, then the experiment read back by name', async () => {
    const create = recorded('experiments_create');
    const byName = recorded('experiments_get_by_name');
    const { result, received } = await replay([missing, create, byName], (http) => resolveExperiment(http, { name }));
    expect(received.map(shape)).toEqual([recordedShape(byName), recordedShape(create), recordedShape(byName)]);
    expect(received[1]?.headers['content-type']).toMatch(/^application\/json/);
    expect(result).toEqual({ id: '1', artifactLocation: 'mlflow-artifacts:/1' });
  });

  it('a replica that created it first: the recorded RESOURCE_ALREADY_EXISTS falls back to get-by-name', async () => {
    const duplicate = recorded('experiments_create_duplicate_error');
    const byName = recorded('experiments_get_by_name');
    const { result, received } = await replay([missing, duplicate, byName], (http) => resolveExperiment(http, { name }));
    expect(received.map(shape)).toEqual([recordedShape(byName), recordedShape(duplicate), recordedShape(byName)]);
    expect(result.id).toBe('1');
    // Any other refusal of the create is not swallowed.
    const refused = { response: { ...duplicate.response, body: { error_code: 'PERMISSION_DENIED', message: 'no' } } };
    await expect(replay([missing, refused], (http) => resolveExperiment(http, { name }))).rejects.toMatchObject({ status: 400, errorCode: 'PERMISSION_DENIED' });
  });

  it('capabilities: the recorded GET /version read as the version; Flask 404s read as absent, a 400 as present', async () => {
    const version = recorded('version');
    const notFound = recorded('probe_otlp_GET_404');
    const { result, received } = await replay([version, notFound, notFound, notFound, notFound], (http) => detectCapabilities(http, '1'));
    expect(shape(received[0]!)).toEqual(recordedShape(version));
    expect(result).toEqual({ version: '3.6.1.dev0', otlp: false, datasets: false, labelSchemas: false, reviewQueues: false });
    // The OTLP probe is shaped like the recorded protobuf export (same route, content type, experiment header), with an empty body.
    const otlp = recorded('otlp_v1_traces_garbage_error');
    expect([received[1]!.method, received[1]!.path, received[1]!.body]).toEqual([otlp.request.method, otlp.request.path, null]);
    for (const [header, value] of Object.entries(otlp.request.headers)) expect(received[1]!.headers[header.toLowerCase()]).toBe(value);
    const present = await replay([version, otlp, notFound, notFound, notFound], (http) => detectCapabilities(http, '1'));
    expect(present.result).toMatchObject({ otlp: true, datasets: false });
  });

  it('GetAssessment and UpdateAssessment answers read as Verdict assessments', () => {
    const got = fromMlflowAssessment(rawAssessmentOf(recorded('assessments_get').response.body)!, new Map());
    expect(AssessmentSchema.safeParse(got).success).toBe(true);
    expect(got).toMatchObject({ assessment_name: 'correctness', feedback: { value: true }, rationale: 'Answer matches the docs.', valid: true });
    const updated = fromMlflowAssessment(rawAssessmentOf(recorded('assessments_update_feedback').response.body)!, new Map());
    expect(updated).toMatchObject({ feedback: { value: false }, rationale: 'Re-checked: wrong version number.' });
    expect(updated!.last_update_time).toBeGreaterThan(got!.last_update_time);
  });

  it('a search filtered on feedback: the recorded answer reads as infos carrying that feedback', () => {
    const page = parseSearchResponse(recorded('traces_v3_search_filter_feedback').response.body);
    expect(page.infos.map((info) => info.trace_id)).toEqual(['tr-b0f60cbacf5b48ac8f719ac6b3899134']);
    for (const info of page.infos) expect(TraceInfoSchema.safeParse(info).success).toBe(true);
    expect(page.infos[0]!.assessments.some((assessment) => assessment.assessment_name === 'correctness' && assessment.valid && assessment.feedback?.value === false)).toBe(true);
  });
});

describe('the emulator answers recorded requests as the real server did', () => {
  let emulator: MlflowEmulator;
  beforeAll(async () => {
    emulator = await startMlflowEmulator();
    const send = (exchange: ReturnType<typeof recorded>) =>
      fetch(emulator.url + exchange.request.path, { method: exchange.request.method, headers: exchange.request.headers, body: JSON.stringify(exchange.request.body) });
    await fetch(`${emulator.url}/api/2.0/mlflow/experiments/create`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'replay' }) });
    await send(recorded('traces_v3_start'));
    await send(recorded('assessments_create_feedback_numeric_llm_judge'));
  });
  afterAll(() => emulator.close());

  it.each([
    'assessments_create_no_value',
    'assessments_create_missing_name_accepted',
    'assessments_create_missing_source_accepted',
    'assessments_create_unknown_trace_error',
    'assessments_create_override_unknown_id_error',
    'assessments_get_not_found',
    'experiments_get',
    'traces_v3_search_filter_feedback',
    'version',
    'traces_v3_start_missing_trace_error',
    'traces_v3_get_info_not_found',
    'traces_v3_get_full_trace_no_spans_error',
    'traces_v3_get_full_trace_no_spans_allow_partial',
    'traces_v3_search_bad_filter_error',
    'traces_v3_search_max_results_too_big_error',
    'traces_v3_search_missing_locations_error',
    'traces_v3_search_filter_tag',
    'traces_v3_set_tag',
    'traces_v3_delete_tag_500_bug',
    'traces_v2_delete_tag',
    'traces_v2_delete_tag_query_param_error',
    'probe_v3_search_GET_404_matched_as_trace_id',
    'probe_v3_list_assessments_GET_405',
    'probe_v3_traces_GET_405',
    'probe_v3_trace_info_suffix_404',
    'probe_otlp_GET_404',
    'otlp_v1_traces_json_content_type_error',
    'otlp_v1_traces_missing_experiment_header_error',
  ])('%s', async (name) => {
    const exchange = recorded(name);
    const { method, headers, body } = exchange.request;
    const response = await fetch(emulator.url + exchange.request.path, {
      method,
      headers,
      body: body === null || method === 'GET' ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    expect(response.status).toBe(exchange.response.status);
    const answer = (await response.text()).trim();
    const want = exchange.response.body as { error_code?: string } | string;
    if (typeof want === 'object' && want !== null && want.error_code !== undefined) {
      expect((JSON.parse(answer) as { error_code: string }).error_code).toBe(want.error_code);
    }
  });

  it('experiments: create, a duplicate create (RESOURCE_ALREADY_EXISTS), get by name', async () => {
    for (const name of ['experiments_create', 'experiments_create_duplicate_error', 'experiments_get_by_name']) {
      const exchange = recorded(name);
      const response = await fetch(emulator.url + exchange.request.path, {
        method: exchange.request.method,
        headers: exchange.request.headers,
        body: exchange.request.method === 'GET' ? undefined : JSON.stringify(exchange.request.body),
      });
      const answer = (await response.json()) as { error_code?: string; experiment?: { name: string } };
      expect([name, response.status, answer.error_code]).toEqual([name, exchange.response.status, (exchange.response.body as { error_code?: string }).error_code]);
      if (name === 'experiments_get_by_name') expect(answer.experiment?.name).toBe('contract-fixtures-cb69bca7');
    }
  });

  it('GetAssessment, then UpdateAssessment with the recorded camelCase mask, answer as MLflow did', async () => {
    const created = recorded('assessments_create_feedback');
    const made = await fetch(emulator.url + created.request.path, { method: 'POST', headers: created.request.headers, body: JSON.stringify(created.request.body) });
    const id = ((await made.json()) as { assessment: { assessment_id: string } }).assessment.assessment_id;
    const withId = (exchange: Recorded) => exchange.request.path.replace('a-70539fca8fb84c3bb25aefc739859028', id);
    const pick = (body: unknown) => {
      const { assessment_name, feedback, rationale, metadata, valid, source } = (body as { assessment: Loose }).assessment;
      return { assessment_name, feedback, rationale, metadata, valid, source };
    };
    const get = recorded('assessments_get');
    const got = await fetch(emulator.url + withId(get));
    expect([got.status, pick(await got.json())]).toEqual([get.response.status, pick(get.response.body)]);
    const update = recorded('assessments_update_feedback');
    const before = emulator.ignoredUpdateMasks.length;
    const patched = await fetch(emulator.url + withId(update), {
      method: 'PATCH',
      headers: update.request.headers,
      body: JSON.stringify({ ...(update.request.body as Loose), assessment: { ...(update.request.body as { assessment: Loose }).assessment, assessment_id: id } }),
    });
    expect([patched.status, pick(await patched.json())]).toEqual([update.response.status, pick(update.response.body)]);
    expect(emulator.ignoredUpdateMasks.length).toBe(before);
  });

  it('otlp_v1_traces_garbage_error', async () => {
    const response = await fetch(`${emulator.url}/v1/traces`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-protobuf', 'x-mlflow-experiment-id': '1' },
      body: Buffer.from([0xff, 0x00, ...Buffer.from('garbage')]),
    });
    expect([response.status, await response.json()]).toEqual([400, recorded('otlp_v1_traces_garbage_error').response.body]);
  });

  it('keeps an update whose update_mask is snake_case or an object from changing anything, as MLflow silently does', async () => {
    const created = recorded('assessments_create_feedback_numeric_llm_judge');
    const trace = emulator.state.traces.get('tr-b0f60cbacf5b48ac8f719ac6b3899134')!;
    const row = trace.assessments.find((assessment) => assessment.assessment_name === (created.request.body as { assessment: Loose }).assessment.assessment_name)!;
    for (const mask of ['assessment_name', { paths: ['assessmentName'] }]) {
      const response = await fetch(`${emulator.url}/api/3.0/mlflow/traces/${trace.info.trace_id}/assessments/${row.assessment_id}`, {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ assessment: { assessment_name: 'renamed' }, update_mask: mask }),
      });
      expect(response.status).toBe(200);
      expect(row.assessment_name).toBe('relevance');
    }
    expect(emulator.ignoredUpdateMasks).toHaveLength(2);
  });
});
