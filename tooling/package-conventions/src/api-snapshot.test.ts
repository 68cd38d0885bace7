import { join } from 'node:path';
import { publishedPackages } from '@openstack-image/test-support';
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
