import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { publishedPackages, repoRoot } from '@openstack-image/test-support';
import { describe, expect, it } from 'vitest';
import { apiSurface } from './api-surface.ts';

/**
 * Each package's public surface, checked in as packages/<name>/api.md: an accidental change to an
 * exported name or type fails here. After an intended one, `npm run api:update` rewrites the
 * snapshots; the change also needs a changeset (`npx changeset`), as every user-visible change does.
 */
describe('the public API of every package', () => {
  it.each(publishedPackages().map((pkg) => [pkg.dir, pkg] as const))(
    '%s matches its api.md (npm run api:update after an intended change)',
    async (_dir, pkg) => {
      const surface = `# ${pkg.name}: public API\n\nWritten by \`npm run api:update\` from src/index.ts; do not edit.\n\n${apiSurface(pkg.path)}`;
      await expect(surface).toMatchFileSnapshot(join(pkg.path, 'api.md'));
    },
  );
});

/**
 * The commit the branch left main at, or undefined where git cannot say (no git, no main branch:
 * a tarball of the sources); then the snapshot check above is the only one.
 */
function mainBase(): string | undefined {
  try {
    return execFileSync('git', ['merge-base', 'HEAD', 'main'], {
      cwd: repoRoot,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return undefined;
  }
}

/** The packages a pending changeset (`.changeset/*.md`) names. */
function packagesWithChangesets(): Set<string> {
  const dir = join(repoRoot, '.changeset');
  const names = new Set<string>();
  for (const file of readdirSync(dir)) {
    if (!file.endsWith('.md') || file === 'README.md') continue;
    const front = /^---\n([\s\S]*?)\n---/.exec(readFileSync(join(dir, file), 'utf8'))?.[1] ?? '';
    for (const match of front.matchAll(/^\s*["']?(@openstack-image\/[^"':\s]+)["']?\s*:/gm)) names.add(match[1]!);
  }
  return names;
}

describe('a changed public API', () => {
  it('comes with a changeset naming its package (against the commit the branch left main at)', () => {
    const base = mainBase();
    const changed =
      base === undefined
        ? []
        : execFileSync('git', ['diff', '--name-only', base, '--', 'packages/*/api.md'], {
            cwd: repoRoot,
            encoding: 'utf8',
          })
            .split('\n')
            .filter(Boolean);
    const named = packagesWithChangesets();
    const missing = publishedPackages()
      .filter((pkg) => changed.includes(`packages/${pkg.dir}/api.md`) && !named.has(pkg.name))
      .map(
        (pkg) => `packages/${pkg.dir}/api.md changed since main: add a changeset naming ${pkg.name} (npx changeset)`,
      );
    expect(missing).toEqual([]);
  });
});
