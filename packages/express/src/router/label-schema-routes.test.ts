import type { LabelSchema } from '@verdict/core';
import { afterEach, describe, expect, it } from 'vitest';
import { useTempDirs } from '../json-store/test-support/temp-dirs';
import { serveReview, statusOf } from '../test-support/review-server';
import type { ReviewServer } from '../test-support/review-server';

const tempDir = useTempDirs('verdict-label-schemas-');
let review: ReviewServer | undefined;
afterEach(async () => {
  await review?.close();
  review = undefined;
});

const tone: LabelSchema = { name: 'tone', type: 'feedback', title: 'Tone', instruction: 'How does it sound?', input: { kind: 'categorical', options: ['friendly', 'rude', 'neutral'] } };
const score: LabelSchema = { name: 'score', type: 'feedback', title: 'Score', input: { kind: 'numeric', min_value: 1, max_value: 10 } };
const answer: LabelSchema = { name: 'answer', type: 'expectation', title: 'Answer', input: { kind: 'text', max_length: 100 } };

/** A session using `schemas`, with one trace copied in and labeled by ann with `labels`. */
async function labeledSession(server: ReviewServer, schemas: string[], labels: Record<string, string | number | string[]>) {
  const dev = server.as('dev');
  const [trace] = await server.addTraces(1);
  const session = await dev.createLabelingSession({ name: 's', assigned_users: ['ann'], label_schemas: schemas });
  const { items } = await dev.addLabelingItems(session.labeling_session_id, { trace_ids: [trace!.info.trace_id] });
  await server.as('ann').submitLabels(session.labeling_session_id, items[0]!.item_id, { labels });
  return session;
}

describe('label schema routes (jsonStore, real server)', () => {
  it('lists the built-ins, creates, reads, refuses a taken name, and overwrites on request', async () => {
    review = await serveReview(tempDir());
    const dev = review.as('dev');
    expect((await dev.listLabelSchemas()).label_schemas.map(({ name }) => name)).toEqual(['guidelines', 'expected_facts', 'expected_response']);
    expect(await dev.getLabelSchema('expected_facts')).toMatchObject({ type: 'expectation', input: { kind: 'text_list' } });

    expect(await dev.createLabelSchema(tone)).toEqual(tone);
    expect(await dev.getLabelSchema('tone')).toEqual(tone);
    const taken = await review.call('dev', 'POST', '/label-schemas', { ...tone, title: 'Other' });
    expect(taken.status).toBe(409);
    expect(taken.json.error.message).toMatch(/already exists.*overwrite: true/);
    expect((await dev.getLabelSchema('tone')).title).toBe('Tone');
    expect(await dev.createLabelSchema({ ...tone, title: 'Voice', overwrite: true })).toMatchObject({ title: 'Voice' });
    // A built-in is taken too, and can be overridden in place of the default.
    expect(await statusOf(dev.createLabelSchema({ name: 'guidelines', type: 'expectation', title: 'Mine', input: { kind: 'text_list' } }))).toBe(409);
    await dev.createLabelSchema({ name: 'guidelines', type: 'expectation', title: 'Mine', input: { kind: 'text_list', max_count: 5 }, overwrite: true });
    expect((await dev.listLabelSchemas()).label_schemas.map(({ name, title }) => [name, title])).toEqual([
      ['guidelines', 'Mine'],
      ['expected_facts', 'Facts a correct answer contains'],
      ['expected_response', 'The answer it should have given'],
      ['tone', 'Voice'],
    ]);
    expect(await statusOf(dev.getLabelSchema('nope'))).toBe(404);
  });

  it('survives a restart: schemas are in the store files', async () => {
    const dir = tempDir();
    review = await serveReview(dir);
    await review.as('dev').createLabelSchema(score);
    await review.close();
    review = await serveReview(dir);
    expect(await review.as('dev').getLabelSchema('score')).toEqual(score);
  });

  it('refuses bad schemas with 400 and the field named', async () => {
    review = await serveReview(tempDir());
    const bad = await review.call('dev', 'POST', '/label-schemas', { ...score, input: { kind: 'numeric', min_value: 5, max_value: 1 } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.issues[0].path).toEqual(['input', 'min_value']);
    const duplicate = await review.call('dev', 'POST', '/label-schemas', { ...tone, input: { kind: 'categorical', options: ['a', 'a'] } });
    expect(duplicate.status).toBe(400);
    expect((await review.call('dev', 'POST', '/label-schemas', { ...tone, extra: 1 })).status).toBe(400);
    expect((await review.as('dev').listLabelSchemas()).label_schemas).toHaveLength(3);
  });

  it('refuses to delete a schema while a session uses it, then deletes it; built-ins stay', async () => {
    review = await serveReview(tempDir());
    const dev = review.as('dev');
    await dev.createLabelSchema(tone);
    const session = await dev.createLabelingSession({ name: 'tone check', assigned_users: ['ann'], label_schemas: ['tone'] });
    const refused = await review.call('dev', 'DELETE', '/label-schemas/tone');
    expect(refused.status).toBe(409);
    expect(refused.json.error.message).toContain(session.labeling_session_id);
    await dev.deleteLabelingSession(session.labeling_session_id);
    await dev.deleteLabelSchema('tone');
    expect(await statusOf(dev.getLabelSchema('tone'))).toBe(404);
    expect((await review.call('dev', 'DELETE', '/label-schemas/expected_facts')).status).toBe(409);
    expect((await review.call('dev', 'DELETE', '/label-schemas/nope')).status).toBe(404);
  });

  it('PATCH edits in place: title, instruction, added options, widened range', async () => {
    review = await serveReview(tempDir());
    const dev = review.as('dev');
    await dev.createLabelSchema(tone);
    await dev.createLabelSchema(score);
    await labeledSession(review, ['tone', 'score'], { tone: 'rude', score: 9 });
    expect(await dev.updateLabelSchema('tone', { title: 'Voice', input: { kind: 'categorical', options: ['friendly', 'rude', 'neutral', 'formal'] } })).toMatchObject({
      title: 'Voice',
      instruction: 'How does it sound?',
      input: { options: ['friendly', 'rude', 'neutral', 'formal'] },
    });
    expect(await dev.updateLabelSchema('score', { input: { kind: 'numeric', min_value: 0, max_value: 20 } })).toMatchObject({ input: { min_value: 0, max_value: 20 } });
    // A built-in can be patched too: the change is stored as an override.
    expect(await dev.updateLabelSchema('expected_response', { instruction: 'Write it in full.' })).toMatchObject({ name: 'expected_response', instruction: 'Write it in full.' });
  });

  it('PATCH refuses with 409, naming the labels, a change that would invalidate them', async () => {
    review = await serveReview(tempDir());
    const dev = review.as('dev');
    await dev.createLabelSchema(tone);
    await dev.createLabelSchema(score);
    await dev.createLabelSchema(answer);
    const session = await labeledSession(review, ['tone', 'score', 'answer'], { tone: 'rude', score: 9, answer: 'Paris is the capital of France.' });

    const removeOption = await review.call('dev', 'PATCH', '/label-schemas/tone', { input: { kind: 'categorical', options: ['friendly', 'neutral'] } });
    expect(removeOption.status).toBe(409);
    expect(removeOption.json.error.message).toMatch(new RegExp(`1 existing label.*${session.labeling_session_id}.*ann: "rude"`));
    const narrow = await review.call('dev', 'PATCH', '/label-schemas/score', { input: { kind: 'numeric', min_value: 1, max_value: 5 } });
    expect(narrow.status).toBe(409);
    expect(narrow.json.error.message).toMatch(/ann: 9: must be at most 5/);
    const shorten = await review.call('dev', 'PATCH', '/label-schemas/answer', { input: { kind: 'text', max_length: 10 } });
    expect(shorten.status).toBe(409);
    const kind = await review.call('dev', 'PATCH', '/label-schemas/tone', { input: { kind: 'numeric' } });
    expect(kind.status).toBe(409);
    // Overwriting is a replacement, held to the same rule.
    expect(await statusOf(dev.createLabelSchema({ ...score, input: { kind: 'numeric', max_value: 3 }, overwrite: true }))).toBe(409);
    // Nothing changed.
    expect(await dev.getLabelSchema('tone')).toEqual(tone);
    expect(await dev.getLabelSchema('score')).toEqual(score);
    expect(await dev.getLabelSchema('answer')).toEqual(answer);
    // Removing an option nobody used is fine.
    expect(await dev.updateLabelSchema('tone', { input: { kind: 'categorical', options: ['friendly', 'rude'] } })).toMatchObject({ input: { options: ['friendly', 'rude'] } });
  });

  it('lets reviewers read schemas but not change them, and end users neither', async () => {
    review = await serveReview(tempDir());
    expect((await review.as('ann').listLabelSchemas()).label_schemas).toHaveLength(3);
    expect((await review.call('ann', 'POST', '/label-schemas', tone)).status).toBe(403);
    expect((await review.call('eve', 'GET', '/label-schemas')).status).toBe(403);
    expect((await review.call(undefined, 'GET', '/label-schemas')).status).toBe(401);
    expect((await review.call('mallory', 'GET', '/label-schemas')).status).toBe(403);
  });
});
