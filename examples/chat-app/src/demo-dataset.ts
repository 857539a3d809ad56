import { newId } from '@verdict/core';
import type { DatasetRecord, Store } from '@verdict/core';

/** The demo dataset's name. */
export const DEMO_DATASET = 'help-center-questions';

/** Questions about the example's help articles, with the facts a correct answer must state. */
export const DEMO_QUESTIONS: { question: string; facts: string[] }[] = [
  { question: 'How long does standard shipping take, and is it free?', facts: ['3 to 5 business days', 'free on orders over 50 euros'] },
  { question: 'How many days do I have to return an order?', facts: ['30 days'] },
  { question: 'What does the warranty cover?', facts: ['two-year warranty', 'manufacturing defects'] },
  { question: 'I forgot my password: how do I reset it?', facts: ['reset link', 'one hour'] },
  { question: 'Which payment methods do you accept?', facts: ['Visa', 'PayPal'] },
  { question: 'How much is the Plus subscription per month?', facts: ['5 euros a month'] },
  { question: 'Is accidental damage covered, and does Plus extend the warranty?', facts: ['accidental damage is not covered', 'one extra year'] },
  { question: 'What does Plus cost, and what warranty does every device get?', facts: ['5 euros a month', 'two-year warranty'] },
  { question: 'Does the Plus subscription include express shipping, and how many business days does express take?', facts: ['1 business day'] },
];

/**
 * Seeds {@link DEMO_DATASET} on a first start (a store without any dataset), so the Evaluate page
 * has something to run on; a store that already has datasets is left alone.
 * @example await seedDemoDataset(store)
 */
export async function seedDemoDataset(store: Store, now: number = Date.now()): Promise<boolean> {
  if ((await store.datasets.list()).length > 0) return false;
  const records: DatasetRecord[] = DEMO_QUESTIONS.map(({ question, facts }) => ({
    dataset_record_id: newId('datasetRecord'),
    inputs: { question },
    expectations: { expected_facts: facts },
    tags: { seed: 'demo' },
    create_time: now,
    created_by: 'verdict-demo',
    last_update_time: now,
    last_updated_by: 'verdict-demo',
  }));
  await store.datasets.create(DEMO_DATASET, {
    dataset: { dataset_id: newId('dataset'), name: DEMO_DATASET, tags: { seed: 'demo' }, create_time: now, created_by: 'verdict-demo' },
    records,
  });
  return true;
}
