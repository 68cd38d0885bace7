// Writes each canonical resource's JSON Schema document to dist/json-schema/<Name>.schema.json,
// from the built TypeBox schemas (run by `npm run build`, after tsc).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { jsonSchemaOf, Schemas } from '../dist/index.js';

const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'json-schema');
mkdirSync(out, { recursive: true });
for (const name of Object.keys(Schemas)) {
  writeFileSync(join(out, `${name}.schema.json`), `${JSON.stringify(jsonSchemaOf(name), null, 2)}\n`);
}
