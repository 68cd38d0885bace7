import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './index.ts';

/** The parts of a package.json the repository's checks read. */
export interface PackageJson {
  readonly name: string;
  readonly version: string;
  readonly private?: boolean;
  readonly dependencies?: Record<string, string>;
  readonly devDependencies?: Record<string, string>;
  readonly [field: string]: unknown;
}

export interface PublishedPackage {
  /** The folder name under `packages/`: `codec-json`. */
  readonly dir: string;
  /** The absolute path of the folder. */
  readonly path: string;
  /** The npm name: `@openstack-image/codec-json`. */
  readonly name: string;
  readonly manifest: PackageJson;
}

/**
 * Every package under `packages/`, in the order its internal dependencies allow (a package comes
 * after those it depends on): the one list that every repository check iterates, so that a new
 * package is checked as soon as its folder exists.
 */
export function publishedPackages(): PublishedPackage[] {
  const root = join(repoRoot, 'packages');
  const found = readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(root, entry.name, 'package.json')))
    .map((entry): PublishedPackage => {
      const path = join(root, entry.name);
      const manifest = JSON.parse(readFileSync(join(path, 'package.json'), 'utf8')) as PackageJson;
      return { dir: entry.name, path, name: manifest.name, manifest };
    })
    .sort((a, b) => a.dir.localeCompare(b.dir));
  const byName = new Map(found.map((pkg) => [pkg.name, pkg]));
  const ordered: PublishedPackage[] = [];
  const visit = (pkg: PublishedPackage, path: string[]): void => {
    if (ordered.includes(pkg)) return;
    if (path.includes(pkg.name)) throw new Error(`Dependency cycle: ${[...path, pkg.name].join(' -> ')}`);
    for (const dep of Object.keys(pkg.manifest.dependencies ?? {})) {
      const inner = byName.get(dep);
      if (inner) visit(inner, [...path, pkg.name]);
    }
    ordered.push(pkg);
  };
  for (const pkg of found) visit(pkg, []);
  return ordered;
}

/**
 * Packages allowed to use Node.js APIs in their built code (CONTRACT.md); every other package must
 * also run in browsers and edge runtimes. A package says so with `"openstackImage": {"runtime": "node"}`
 * in its package.json.
 */
export function isNodeOnly(pkg: PublishedPackage): boolean {
  const own = pkg.manifest.openstackImage as { runtime?: string } | undefined;
  return own?.runtime === 'node';
}
