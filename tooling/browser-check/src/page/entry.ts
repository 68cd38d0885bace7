// Bundled for the browser from the packages' built `dist/` (resolved through their `exports`),
// then run in Chromium: each check reports what it saw, and the test in Node compares.
import { createImagesClient } from '@openstack-image/client';
import { jsonCodec } from '@openstack-image/codec-json';
import { xmlCodec } from '@openstack-image/codec-xml';
import { Fault, isFault } from '@openstack-image/faults';
import { createImagesApi, MemoryImageStore, toFetchHandler } from '@openstack-image/http';
import { isValid } from '@openstack-image/schema';

declare global {
  interface Window {
    runChecks(seed: { json: string; xml: string }): Promise<Record<string, unknown>>;
    probeResult?: string;
  }
}

// `?probe=eval`: the page itself tries to generate code, so that the test sees the policy refuse it
// (the test's own page.evaluate is exempt from the page's policy).
if (new URLSearchParams(location.search).get('probe') === 'eval') {
  try {
    window.probeResult = String(new Function('return 1')());
  } catch (error) {
    window.probeResult = (error as Error).name;
  }
}

function faultName(run: () => unknown): string {
  try {
    run();
    return 'no fault';
  } catch (error) {
    return isFault(error) ? error.name : `not a Fault: ${String(error)}`;
  }
}

function faultMessage(run: () => unknown): string {
  try {
    run();
    return 'no fault';
  } catch (error) {
    return isFault(error) ? `${error.name}: ${error.message}` : `not a Fault: ${String(error)}`;
  }
}

window.runChecks = async (seed) => {
  const fromJson = jsonCodec.decodeImage(seed.json);
  const fromXmlBytes = xmlCodec.decodeImage(new TextEncoder().encode(seed.xml));
  const store = new MemoryImageStore();
  store.put('openstack', fromJson);
  const api = createImagesApi({
    store,
    baseUrl: 'http://openstack.example.com',
    glanceBaseUrl: 'http://glance.openstack.example.com',
  });
  const handler = toFetchHandler(api);
  const response = await handler(
    new Request(`http://localhost/v2/openstack/images/${fromJson.id}`, { headers: { accept: 'application/xml' } }),
  );
  const missing = await handler(new Request('http://localhost/v2/openstack/images/nope.json'));
  // The client on the browser's own Request, answered by the handler in the page.
  const client = createImagesClient({
    url: 'http://localhost/v2/openstack',
    format: 'xml',
    fetch: (input, init) => handler(new Request(input, init)),
  });
  const viaClient = await client.getImage(fromJson.id);
  const clientFault = await client.getMetaItem(fromJson.id, 'no such key').then(
    () => 'no fault',
    (error: unknown) => (isFault(error) ? `${error.name} ${error.code}` : `not a Fault: ${String(error)}`),
  );
  return {
    userAgent: navigator.userAgent,
    fromJson,
    fromXmlBytes,
    valid: isValid('Image', fromJson),
    jsonRoundTrip: jsonCodec.decodeImage(jsonCodec.encodeImage(fromJson)),
    xmlRoundTrip: xmlCodec.decodeImage(xmlCodec.encodeImage(fromJson)),
    refusedImage: faultMessage(() => jsonCodec.encodeImage({ ...fromJson, minDisk: -1 })),
    doctype: faultName(() => xmlCodec.decodeImage('<!DOCTYPE image [<!ENTITY a "b">]><image/>')),
    badUtf8: faultName(() => jsonCodec.decodeImage(new Uint8Array([0x7b, 0xff, 0x7d]))),
    faultAcrossFormats: xmlCodec.decodeFault(xmlCodec.encodeFault(new Fault('itemNotFound', 'Image not found.'))).code,
    served: {
      status: response.status,
      contentType: response.headers.get('content-type'),
      image: xmlCodec.decodeImage(await response.text()),
    },
    client: { metadata: viaClient.metadata, fault: clientFault },
    missing: { status: missing.status, fault: jsonCodec.decodeFault(await missing.text()).name },
  };
};
