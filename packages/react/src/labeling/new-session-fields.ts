/** The new-session form's fields, as typed (before they become a `POST /labeling-sessions` body). */
export interface NewSessionFields {
  name: string;
  /** User ids separated by commas (or spaces). */
  users: string;
  /** Chosen label schema names, in the order picked. */
  schemas: string[];
  /** As typed in the number input. */
  reviewersPerItem: string;
}

/**
 * The user ids in a comma- or space-separated list, trimmed and without repeats.
 * @example parseUserList('ann, bob ann') // ['ann', 'bob']
 */
export function parseUserList(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).filter((part) => part !== ''))];
}

/**
 * What is wrong with the fields, by field; empty when they make a valid session (the server's
 * own limits: a name of 1–256 characters, at least one schema, 1–10 reviewers per item).
 * @example validateNewSession({ name: '', users: '', schemas: [], reviewersPerItem: '1' }).name // 'Name the session'
 */
export function validateNewSession(fields: NewSessionFields): Partial<Record<keyof NewSessionFields, string>> {
  const errors: Partial<Record<keyof NewSessionFields, string>> = {};
  const name = fields.name.trim();
  if (name === '') errors.name = 'Name the session';
  else if (name.length > 256) errors.name = 'Use at most 256 characters';
  if (parseUserList(fields.users).some((user) => user.length > 256)) errors.users = 'A user id has at most 256 characters';
  if (fields.schemas.length === 0) errors.schemas = 'Pick at least one label schema';
  const perItem = Number(fields.reviewersPerItem);
  if (fields.reviewersPerItem.trim() === '' || !Number.isInteger(perItem) || perItem < 1 || perItem > 10) {
    errors.reviewersPerItem = 'A whole number from 1 to 10';
  }
  const users = parseUserList(fields.users).length;
  if (errors.reviewersPerItem === undefined && users > 0 && perItem > users) {
    errors.reviewersPerItem = `Only ${users} ${users === 1 ? 'reviewer is' : 'reviewers are'} assigned`;
  }
  return errors;
}
