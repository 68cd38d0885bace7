import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sharedPath, xmllintPath } from '@openstack-image/test-support';

/** What xmllint said about one document. */
export interface Verdict {
  readonly valid: boolean;
  readonly output: string;
}

/** The path of xmllint; a test that needs it fails (never skips) when it is missing. */
export function requireXmllint(): string {
  const path = xmllintPath();
  if (path === undefined) {
    throw new Error(
      "xmllint was not found on PATH: install Debian's libxml2-utils (apt-get install -y libxml2-utils; .ci/run does)",
    );
  }
  return path;
}

/**
 * Validates documents with `xmllint --relaxng` against one of Nova's schemas
 * (`schemas/nova/v1.1/<schema>.rng`), all in one run of xmllint.
 */
export function relaxNg(
  schema: 'image' | 'images' | 'images_index' | 'metadata' | 'version' | 'versions',
  documents: readonly string[],
): Verdict[] {
  const xmllint = requireXmllint();
  const dir = mkdtempSync(join(tmpdir(), 'codec-xml-rng-'));
  try {
    const files = documents.map((document, i) => {
      const file = join(dir, `d${i}.xml`);
      writeFileSync(file, document, 'utf8');
      return file;
    });
    const rng = sharedPath('reference', 'schemas', 'nova', 'v1.1', `${schema}.rng`);
    const run = spawnSync(xmllint, ['--noout', '--relaxng', rng, ...files], { encoding: 'utf8' });
    if (run.error !== undefined) throw run.error;
    const lines = run.stderr.split('\n');
    return files.map((file) => {
      const mine = lines.filter((line) => line.startsWith(`${file}:`) || line.startsWith(`${file} `));
      return { valid: mine.includes(`${file} validates`), output: mine.join('\n') };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
