import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { launchChromium } from './chromium.ts';

const dir = mkdtempSync(join(tmpdir(), 'openstack-image-no-browser-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a missing or broken browser fails fast, with one message that says what to do', () => {
  it('a path where there is no file', async () => {
    const started = Date.now();
    const missing = join(dir, 'no-chromium-here');
    await expect(launchChromium(missing)).rejects.toThrow(
      new RegExp(`^Chromium could not be started from ${missing}: no such file\\. .*@sparticuz/chromium`),
    );
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('a file that is no browser (it exits at once)', async () => {
    const broken = join(dir, 'broken-chromium');
    writeFileSync(broken, '#!/bin/sh\necho "this is not chromium" >&2\nexit 3\n');
    chmodSync(broken, 0o755);
    const started = Date.now();
    await expect(launchChromium(broken)).rejects.toThrow(/^Chromium could not be started from .*broken-chromium: /);
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});
