import { describe, expect, it } from 'vitest';
import fs from 'node:fs';

/** Under CI every tier must run: a missing PostgreSQL or Chromium is a failure, not a skip. */
describe.runIf(process.env.CI === 'true')('test tiers in CI', () => {
  it('has a PostgreSQL server to test against (TEST_DATABASE_URL)', () => {
    expect(process.env.TEST_DATABASE_URL, 'TEST_DATABASE_URL must be set in CI (.ci/run starts a cluster)').toBeTruthy();
  });
  it('has Chromium for the browser tests', () => {
    const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
    expect(fs.existsSync(path), `${path} must exist in CI (.ci/run installs it)`).toBe(true);
  });
});
