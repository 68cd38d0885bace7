import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { samples } from '@openstack-image/test-support';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from './test-run.ts';

const work = mkdtempSync(join(tmpdir(), 'openstack-image-validate-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(work, name);
  writeFileSync(path, text);
  return path;
}

describe('validate', () => {
  it('every reference sample is ok, one line per file, exit 0, nothing on stderr but progress', async () => {
    const all = [...samples('json'), ...samples('xml')];
    const result = await run(['validate', ...all.map((s) => s.path)]);
    expect(result.code).toBe(0);
    // A loaded machine may take over a second for the batch: then progress lines, nothing else.
    expect(result.stderr).toMatch(/^(openstack-image validate: [^\n]+\n)*$/);
    expect(result.stdout).toBe(all.map((s) => `${s.path}: ok\n`).join(''));
  });

  it('an invalid file: its fault and place (a pointer, or line and column); exit 1 when any is invalid', async () => {
    const good = file('good.json', '{"meta": {"a": "b"}}');
    const pointer = file('pointer.json', '{"image": {"id": "1", "name": "x", "progress": 101}}');
    const place = file(
      'place.xml',
      '<metadata xmlns="http://docs.openstack.org/compute/api/v1.1">\n  <meta key="a">b</met>\n</metadata>',
    );
    const result = await run(['validate', good, pointer, place, join(work, 'missing.json')]);
    expect(result.code).toBe(1);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe(`${good}: ok`);
    expect(lines[1]).toMatch(new RegExp(`^${pointer}: badRequest \\(400\\): progress .* at /image/progress$`));
    expect(lines[2]).toMatch(new RegExp(`^${place}: badRequest \\(400\\): .*line 2, column \\d+`));
    expect(lines[3]).toBe(`${join(work, 'missing.json')}: cannot read ${join(work, 'missing.json')}: ENOENT`);
    expect(lines.length).toBe(5);
  });

  it('--strict refuses what the tolerant reading accepts', async () => {
    const body = file('numbers.json', '{"metadata": {"size": 10}}');
    expect((await run(['validate', body])).code).toBe(0);
    const strict = await run(['validate', '--strict', body]);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain('at /metadata/size');
  });

  it('--kind reads every file as that kind', async () => {
    const meta = file('meta.json', '{"meta": {"a": "b"}}');
    const result = await run(['validate', '--kind', 'image', meta]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/badRequest \(400\)/);
  });

  it('reads stdin for -; a batch over a second reports progress on stderr', async () => {
    const first = file('first.json', '{"meta": {"a": "b"}}');
    const result = await run(['validate', first, '-', first], {
      stdin: '<meta xmlns="http://docs.openstack.org/compute/api/v1.1" key="k">v</meta>',
      stdinDelay: 1600,
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${first}: ok\n-: ok\n${first}: ok\n`);
    expect(result.stderr).toMatch(/^openstack-image validate: 1 of 3 files checked \(1\.\d s\)\n/);
    expect(result.stderr).toMatch(/openstack-image validate: 3 files checked in \d+\.\d s, 0 invalid\n$/);
  });

  it('a quick batch says nothing on stderr', async () => {
    const result = await run(['validate', file('quick.json', '{"meta": {"a": "b"}}')]);
    expect(result.stderr).toBe('');
  });

  it.each([
    [['validate']],
    [['validate', '-', '-']],
    [['validate', '--kind', 'x', 'a']],
    [['validate', '--nope', 'a']],
  ])('a command line it cannot run, %j: exit 2', async (args) => {
    const result = await run(args);
    expect([result.code, result.stdout]).toEqual([2, '']);
    expect(result.stderr).toMatch(/^openstack-image validate: /);
  });
});
