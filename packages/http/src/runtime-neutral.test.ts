import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { createContext, runInContext } from 'node:vm';
import { rolldown } from 'rolldown';
import { describe, expect, it } from 'vitest';
import type * as Http from './index.ts';

const entry = fileURLToPath(new URL('./index.ts', import.meta.url));
const builtins = new Set(builtinModules);

/** Bundles the package's main entry for a browser, recording every Node module something imports. */
async function bundleForBrowser(): Promise<{ code: string; nodeImports: string[]; modules: string[] }> {
  const nodeImports: string[] = [];
  const bundle = await rolldown({
    input: entry,
    platform: 'browser',
    logLevel: 'silent',
    resolve: { conditionNames: ['@openstack-image/source', 'browser', 'import', 'default'] },
    plugins: [
      {
        name: 'record-node-imports',
        resolveId(id, importer) {
          if (id.startsWith('node:') || builtins.has(id.split('/')[0]!)) {
            nodeImports.push(`${id} from ${importer}`);
            return { id, external: true };
          }
          return null;
        },
      },
    ],
  });
  const { output } = await bundle.generate({ format: 'iife', name: 'OpenstackImageHttp' });
  await bundle.close();
  const chunk = output[0];
  return { code: chunk.code, nodeImports, modules: Object.keys(chunk.modules) };
}

describe('the main entry runs in browsers and edge runtimes', () => {
  it('imports no Node module, directly or through its dependencies (both codecs included)', async () => {
    const { nodeImports, modules } = await bundleForBrowser();
    expect(nodeImports).toEqual([]);
    expect(modules.some((id) => id.includes('/codec-xml/src/'))).toBe(true);
    expect(modules.some((id) => id.includes('/codec-json/src/'))).toBe(true);
    expect(modules.some((id) => id.endsWith('http/src/node-listener.ts'))).toBe(true);
  });

  it('answers requests in a context without process, Buffer or require', async () => {
    const { code } = await bundleForBrowser();
    const web = {
      TextEncoder,
      TextDecoder,
      URLSearchParams,
      URL,
      structuredClone,
      Request,
      Response,
      Headers,
      console,
    };
    const context = createContext({ ...web });
    const http = runInContext(`${code}\n;OpenstackImageHttp`, context) as typeof Http;
    expect(runInContext('typeof process + typeof Buffer + typeof require', context)).toBe(
      'undefinedundefinedundefined',
    );
    const store = new http.MemoryImageStore();
    const api = http.createImagesApi({ store });
    const missing = await api.handle({ method: 'GET', url: 'https://edge.example/v2/images/x', headers: {} });
    expect(missing.status).toBe(404);
    expect(JSON.parse(String(missing.body))).toEqual({ itemNotFound: { code: 404, message: 'Image not found.' } });
    const handler = http.toFetchHandler(api);
    const xml = await handler(new Request('https://edge.example/v2/t/images.xml'));
    expect(xml.headers.get('content-type')).toBe('application/xml');
    expect(await xml.text()).toContain('<images');
  });
});
