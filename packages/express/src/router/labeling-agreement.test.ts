import type { LabelSchema } from '@verdict/core';
import { makeSpan, makeTrace } from '@verdict/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { useTempDirs } from '../json-store/test-support/temp-dirs';
import { serveReview } from '../test-support/review-server';
import type { ReviewServer } from '../test-support/review-server';

const tempDir = useTempDirs('verdict-agreement-');
let review: ReviewServer | undefined;
afterEach(async () => {
  await review?.close();
  review = undefined;
});

const OK: LabelSchema = { name: 'ok', type: 'feedback', title: 'Correct?', input: { kind: 'categorical', options: ['yes', 'no'] } };
const SCORE: LabelSchema = { name: 'score', type: 'feedback', title: 'Score', input: { kind: 'numeric', min_value: 1, max_value: 5 } };

async function session(reviewers: string[], traces: number) {
  review = await serveReview(tempDir());
  const dev = review.as('dev');
  await dev.createLabelSchema(OK);
  await dev.createLabelSchema(SCORE);
  const made = await review.addTraces(traces, (n) => makeTrace({ spans: [makeSpan({ name: 'chat', inputs: { message: `q${n}` } })] }));
  const created = await dev.createLabelingSession({
    name: 'overlap',
    assigned_users: reviewers,
    label_schemas: ['ok', 'score', 'expected_response'],
    reviewers_per_item: reviewers.length,
  });
  const id = created.labeling_session_id;
  const { items } = await dev.addLabelingItems(id, { trace_ids: made.map((trace) => trace.info.trace_id) });
  return { server: review, dev, id, items };
}

describe('GET /labeling-sessions/:id/agreement and adjudication', () => {
  it('two reviewers: Cohen\'s kappa, exact match for text, and the disagreements listed', async () => {
    const { server, dev, id, items } = await session(['ann', 'bob'], 4);
    // ok: ann yes,yes,no,no; bob yes,no,no,no → p_o = 3/4, p_e = (1/2)(1/4) + (1/2)(3/4) = 1/2, κ = 0.5.
    const ann = [['yes', 3, 'A'], ['yes', 4, 'B'], ['no', 2, 'C'], ['no', 1, 'D']] as const;
    const bob = [['yes', 3, 'A'], ['no', 4, 'B'], ['no', 2, 'C '], ['no', 2, 'd']] as const;
    for (const [user, answers] of [['ann', ann], ['bob', bob]] as const) {
      for (const [index, [ok, score, text]] of answers.entries()) {
        await server.as(user).submitLabels(id, items[index]!.item_id, { labels: { ok, score, expected_response: text } });
      }
    }
    const agreement = await dev.getAgreement(id);
    expect(agreement.schemas.ok).toMatchObject({ metric: 'cohen_kappa', value: 0.5, items: 4 });
    // score units [3,3],[4,4],[2,2],[1,2]: n = 8, D_o = 2/8; margins 1:1, 2:3, 3:2, 4:2 →
    // Σ n_c n_k (c−k)² over ordered pairs = 2·(1·3·1 + 1·2·4 + 1·2·9 + 3·2·1 + 3·2·4 + 2·2·1) = 126, D_e = 126/56 = 9/4; α = 1 − (1/4)/(9/4) = 8/9.
    expect(agreement.schemas.score?.metric).toBe('krippendorff_alpha');
    expect(agreement.schemas.score?.value).toBeCloseTo(8 / 9, 12);
    // Texts compare trimmed: A, B and 'C'/'C ' agree; 'D'/'d' do not → 3/4.
    expect(agreement.schemas.expected_response).toMatchObject({ metric: 'exact_match', value: 0.75, items: 4 });
    expect(agreement.disagreements).toEqual([
      { item_id: items[1]!.item_id, schema: 'ok', values: { ann: 'yes', bob: 'no' } },
      { item_id: items[3]!.item_id, schema: 'score', values: { ann: 1, bob: 2 } },
      { item_id: items[3]!.item_id, schema: 'expected_response', values: { ann: 'D', bob: 'd' } },
    ]);
    // Reviewers label blind: not the agreement (it names answers), nor others' answers on items.
    const refused = await server.call('ann', 'GET', `/labeling-sessions/${id}/agreement`);
    expect(refused.status).toBe(403);
    expect(refused.json.error.message).toMatch(/reviewers label blind/);
    const seen = (await server.as('ann').listLabelingItems(id)).items;
    expect(seen.map(({ labels }) => Object.keys(labels))).toEqual([['ann'], ['ann'], ['ann'], ['ann']]);
    expect((await dev.listLabelingItems(id)).items.map(({ labels }) => Object.keys(labels).sort())).toEqual([['ann', 'bob'], ['ann', 'bob'], ['ann', 'bob'], ['ann', 'bob']]);
  });

  it('three reviewers: Krippendorff\'s alpha; adjudication settles a disagreement and becomes the expectation', async () => {
    const { server, dev, id, items } = await session(['ann', 'bob', 'cy'], 2);
    const answers: Record<string, Array<[string, number, string]>> = {
      ann: [['yes', 5, 'Paris.'], ['no', 1, 'Lima.']],
      bob: [['yes', 5, 'Paris.'], ['no', 2, 'Lima, Peru.']],
      cy: [['yes', 4, 'Paris.'], ['yes', 1, 'Lima.']],
    };
    for (const [user, rows] of Object.entries(answers)) {
      for (const [index, [ok, score, text]] of rows.entries()) await server.as(user).submitLabels(id, items[index]!.item_id, { labels: { ok, score, expected_response: text } });
    }
    const agreement = await dev.getAgreement(id);
    // ok units [y,y,y],[n,n,y]: n = 6, n_yes = 4, n_no = 2; D_o = (2·2/2)/6 = 1/3, D_e = 2·4·2/30 = 8/15; α = 1 − (1/3)/(8/15) = 3/8.
    expect(agreement.schemas.ok).toMatchObject({ metric: 'krippendorff_alpha', value: expect.closeTo(3 / 8, 12), items: 2 });
    const second = items[1]!.item_id;
    expect(agreement.disagreements.filter(({ item_id }) => item_id === second).map(({ schema }) => schema)).toEqual(['ok', 'score', 'expected_response']);

    // A reviewer may not adjudicate; gold labels are validated like any label.
    expect((await server.call('ann', 'POST', `/labeling-sessions/${id}/items/${second}/adjudicate`, { labels: { ok: 'no' } })).status).toBe(403);
    const bad = await server.call('dev', 'POST', `/labeling-sessions/${id}/items/${second}/adjudicate`, { labels: { score: 9 } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.issues[0].path).toEqual(['labels', 'score']);
    const settled = await dev.adjudicate(id, second, { labels: { expected_response: 'Lima is the capital of Peru.' } });
    expect(settled.adjudicated).toMatchObject({ by: 'dev', labels: { expected_response: { value: 'Lima is the capital of Peru.' } } });
    expect((await dev.getAgreement(id)).disagreements.filter(({ item_id }) => item_id === second).map(({ schema }) => schema)).toEqual(['ok', 'score']);
    // The gold label is an expectation on the copy, marked as adjudicated.
    const copy = (await server.store.traces.get(settled.trace_id))!;
    expect(copy.info.assessments.find(({ metadata }) => metadata?.adjudicated === 'true')).toMatchObject({
      assessment_name: 'expected_response',
      source: { source_type: 'HUMAN', source_id: 'dev' },
      expectation: { value: 'Lima is the capital of Peru.' },
    });
    // Synced: item 0's agreed answer, item 1's gold one.
    await dev.createDataset({ name: 'golden' });
    expect(await dev.syncExpectations(id, 'golden')).toEqual({ inserted: 2, updated: 0 });
    const { records } = await dev.listDatasetRecords('golden');
    expect(records.map(({ inputs, expectations }) => [inputs, expectations])).toEqual([
      [{ message: 'q0' }, { expected_response: 'Paris.' }],
      [{ message: 'q1' }, { expected_response: 'Lima is the capital of Peru.' }],
    ]);
  });

  it('reports each reviewer\'s agreement with the others and with the gold labels, per schema', async () => {
    const { server, dev, id, items } = await session(['ann', 'bob', 'cy'], 3);
    const answers: Record<string, Array<[string, number]>> = {
      ann: [['yes', 5], ['no', 1], ['yes', 3]],
      bob: [['yes', 5], ['no', 2], ['no', 3]],
      cy: [['yes', 4], ['yes', 1], ['no', 3]],
    };
    for (const [user, rows] of Object.entries(answers)) {
      for (const [index, [ok, score]] of rows.entries()) await server.as(user).submitLabels(id, items[index]!.item_id, { labels: { ok, score, expected_response: `answer ${index}` } });
    }
    // ok, per item the share of the other two agreeing — item 0: all 1; item 1: ann ½, bob ½, cy 0;
    // item 2: ann 0, bob ½, cy ½. Means over 3 items: ann 1.5/3, bob 2/3, cy 1.5/3.
    const before = await dev.getAgreement(id);
    expect(before.schemas.ok?.by_user).toEqual({
      ann: { items: 3, agreement_with_others: 0.5 },
      bob: { items: 3, agreement_with_others: expect.closeTo(2 / 3, 12) },
      cy: { items: 3, agreement_with_others: 0.5 },
    });
    // score — item 0: ann–bob agree (½ each), cy 0; item 1: ann–cy agree (½ each), bob 0; item 2: all 1.
    expect(before.schemas.score?.by_user).toEqual({
      ann: { items: 3, agreement_with_others: expect.closeTo(2 / 3, 12) },
      bob: { items: 3, agreement_with_others: 0.5 },
      cy: { items: 3, agreement_with_others: 0.5 },
    });

    // Gold for ok on items 1 and 2: 'no' both times → ann 1/2, bob 2/2, cy 1/2; score has no gold.
    await dev.adjudicate(id, items[1]!.item_id, { labels: { ok: 'no' } });
    await dev.adjudicate(id, items[2]!.item_id, { labels: { ok: 'no' } });
    const after = await dev.getAgreement(id);
    expect(after.schemas.ok?.by_user).toEqual({
      ann: { items: 3, agreement_with_others: 0.5, gold_items: 2, agreement_with_gold: 0.5 },
      bob: { items: 3, agreement_with_others: expect.closeTo(2 / 3, 12), gold_items: 2, agreement_with_gold: 1 },
      cy: { items: 3, agreement_with_others: 0.5, gold_items: 2, agreement_with_gold: 0.5 },
    });
    expect(after.schemas.score?.by_user.ann).toEqual({ items: 3, agreement_with_others: expect.closeTo(2 / 3, 12) });
    // Everyone wrote the same texts: full agreement, and no gold to compare with.
    expect(Object.values(after.schemas.expected_response?.by_user ?? {})).toEqual(Array(3).fill({ items: 3, agreement_with_others: 1 }));
  });

  it('answers null where agreement is undefined (one reviewer per item)', async () => {
    const { server, dev, id, items } = await session(['ann'], 1);
    await server.as('ann').submitLabels(id, items[0]!.item_id, { labels: { ok: 'yes', score: 3, expected_response: 'x' } });
    expect(await dev.getAgreement(id)).toEqual({
      schemas: {
        // ann is listed, with nobody to agree with.
        ok: { metric: 'krippendorff_alpha', value: null, items: 0, by_user: { ann: { items: 0, agreement_with_others: null } } },
        score: { metric: 'krippendorff_alpha', value: null, items: 0, by_user: { ann: { items: 0, agreement_with_others: null } } },
        expected_response: { metric: 'exact_match', value: null, items: 0, by_user: { ann: { items: 0, agreement_with_others: null } } },
      },
      disagreements: [],
    });
  });
});
