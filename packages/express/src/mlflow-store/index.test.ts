import { describe, expect, it } from 'vitest';
import * as publicApi from './index';

describe('@verdict/express/mlflow-store public surface', () => {
  // A change here is a public API change: update the snapshot only on purpose.
  it('exports exactly these runtime names', () => {
    expect(Object.keys(publicApi).sort()).toEqual(['mlflowStore']);
  });
});
