import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { paint, useColour } from './colour.ts';
import { table } from './table.ts';
import { run } from './test-run.ts';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

describe('the conventions', () => {
  it('--version prints the package version', async () => {
    expect(await run(['--version'])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it.each([[['--help']], [['convert', '--help']], [['validate', '-h']], [['get', '--help']]])(
    '%j prints its usage on stdout, exit 0',
    async (args) => {
      const result = await run(args);
      expect([result.code, result.stderr]).toEqual([0, '']);
      expect(result.stdout).toMatch(/^Usage: openstack-image/);
    },
  );

  it('no command: the usage on stderr, exit 2; an unknown command, exit 2', async () => {
    const none = await run([]);
    expect([none.code, none.stdout]).toEqual([2, '']);
    expect(none.stderr).toMatch(/^Usage: openstack-image/);
    const unknown = await run(['frobnicate']);
    expect([unknown.code, unknown.stderr]).toEqual([
      2,
      'openstack-image frobnicate: unknown command "frobnicate"\nRun "openstack-image --help" for usage.\n',
    ]);
  });

  it('colour only on a terminal, never with NO_COLOR (but an empty one)', () => {
    expect(useColour(true, {})).toBe(true);
    expect(useColour(false, {})).toBe(false);
    expect(useColour(true, { NO_COLOR: '1' })).toBe(false);
    expect(useColour(true, { NO_COLOR: '' })).toBe(true);
  });

  it('a process whose output is no terminal writes no escape sequences, even for a fault', async () => {
    const result = await run(['validate', '-'], { stdin: '{"image": 1}' });
    expect(result.stdout + result.stderr).not.toContain('\u001b');
  });

  it('tables keep control characters from driving the terminal', () => {
    const drawn = table(['K', 'V'], [['a\u001b[2Jb', 'line one\nline two']], paint(false));
    expect(drawn).not.toContain('\u001b');
    expect(drawn).toBe(
      [
        '+--------+----------+',
        '| K      | V        |',
        '+--------+----------+',
        '| a\ufffd[2Jb | line one |',
        '|        | line two |',
        '+--------+----------+',
        '',
      ].join('\n'),
    );
  });
});
