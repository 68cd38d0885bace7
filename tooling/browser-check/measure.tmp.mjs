import { rolldown } from 'rolldown';
import { gzipSync } from 'node:zlib';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
const entries = {
  jsonCodec: "import { jsonCodec } from '@openstack-image/codec-json'; globalThis.x = jsonCodec;",
  xmlCodec: "import { xmlCodec } from '@openstack-image/codec-xml'; globalThis.x = xmlCodec;",
  http: "import { createImagesApi, toFetchHandler } from '@openstack-image/http'; globalThis.x = [createImagesApi, toFetchHandler];",
  isValid: "import { isValid } from '@openstack-image/schema'; globalThis.x = isValid;",
  assertValid: "import { assertValid } from '@openstack-image/schema'; globalThis.x = assertValid;",
  schemas: "import { Schemas } from '@openstack-image/schema'; globalThis.x = Schemas;",
  errors: "import { Errors } from '@sinclair/typebox/errors'; globalThis.x = Errors;",
  fault: "import { Fault, isFault } from '@openstack-image/faults'; globalThis.x = [Fault, isFault];",
};
const dir = mkdtempSync(join(process.cwd(), '.tmp-'));
for (const [name, code] of Object.entries(entries)) {
  const file = join(dir, name + '.js'); writeFileSync(file, code);
  const b = await rolldown({ input: file, platform: 'browser', logLevel: 'silent' });
  const { output } = await b.generate({ minify: true, format: 'esm' });
  await b.close();
  const js = output[0].code;
  console.log(name, js.length, (gzipSync(js, {level: 9}).length/1024).toFixed(1)+' KB gz', /new Function|Function\(/.test(js));
}
