import type { UserWorkspaceConfig } from 'vitest/config';

/**
 * Every package's tests run on the sources of the packages they import: the custom export
 * condition points each `@openstack-image/*` import at `src/index.ts` instead of `dist/`.
 */
const conditions = ['@openstack-image/source', 'module', 'node', 'import', 'default'];

export const sourceCondition: UserWorkspaceConfig = {
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ['@openstack-image/source'] } },
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 30_000,
  },
};
