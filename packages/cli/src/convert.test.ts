import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jsonCodec } from '@openstack-image/codec-json';
import { xmlCodec } from '@openstack-image/codec-xml';
import { sample, sharedPath } from '@openstack-image/test-support';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from './test-run.ts';

const work = mkdtempSync(join(tmpdir(), 'openstack-image-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('convert', () => {
  it('an image from JSON to XML (the other format by default), as the XML codec writes it', async () => {
    const result = await run(['convert', sharedPath('reference', 'samples', 'nova', 'image-get-resp.json')]);
    expect([result.code, result.stderr]).toEqual([0, '']);
    const image = jsonCodec.decodeImage(sample('nova/image-get-resp.json'));
    expect(result.stdout).toBe(
      `${xmlCodec.encodeImage(image)}${xmlCodec.encodeImage(image).endsWith('\n') ? '' : '\n'}`,
    );
  });

  it.each([
    ['nova/images-list-get-resp.xml', 'index'],
    ['nova/images-details-get-resp.xml', 'list'],
    ['nova/image-metadata-get-resp.xml', 'metadata'],
    ['nova/image-meta-key-get.xml', 'meta'],
    ['compute-api/overlimit.xml', 'fault'],
    ['compute-api/images-page1.xml', 'index'],
  ])('detects what %s is (%s) and writes the same value in JSON', async (name, kind) => {
    const result = await run(['convert', sharedPath('reference', 'samples', ...name.split('/')), '--to', 'json']);
    expect([result.code, result.stderr]).toEqual([0, '']);
    const decode = {
      index: (t: string) => xmlCodec.decodeImageIndex(t),
      list: (t: string) => xmlCodec.decodeImageList(t),
      metadata: (t: string) => xmlCodec.decodeMetadata(t),
      meta: (t: string) => xmlCodec.decodeMetaItem(t),
      fault: (t: string) => xmlCodec.decodeFault(t).toJSON(),
    }[kind]!;
    const back = {
      index: (t: string) => jsonCodec.decodeImageIndex(t),
      list: (t: string) => jsonCodec.decodeImageList(t),
      metadata: (t: string) => jsonCodec.decodeMetadata(t),
      meta: (t: string) => jsonCodec.decodeMetaItem(t),
      fault: (t: string) => jsonCodec.decodeFault(t).toJSON(),
    }[kind]!;
    expect(back(result.stdout)).toEqual(decode(sample(name)));
  });

  it('reads stdin for -, --pretty indents JSON, --out writes a file', async () => {
    const xml = sample('nova/image-get-resp.xml');
    const result = await run(['convert', '-', '--pretty', '--out', join(work, 'pretty.json')], { stdin: xml });
    expect([result.code, result.stdout, result.stderr]).toEqual([0, '', '']);
    const written = readFileSync(join(work, 'pretty.json'), 'utf8');
    expect(written).toBe(`${JSON.stringify(JSON.parse(jsonCodec.encodeImage(xmlCodec.decodeImage(xml))), null, 2)}\n`);
  });

  it('--kind reads an ambiguous document as asked; --from overrides detection', async () => {
    const empty = await run(['convert', '-', '--kind', 'list', '--to', 'xml'], { stdin: '{"images": []}' });
    expect(empty.code).toBe(0);
    expect(xmlCodec.decodeImageList(empty.stdout)).toEqual({ images: [] });
    const from = await run(['convert', '-', '--from', 'json'], { stdin: '<image/>' });
    expect(from.code).toBe(1);
    expect(from.stderr).toMatch(/^openstack-image convert: badRequest \(400\): Cannot tell what this JSON document is/);
  });

  it('--strict refuses a non-string metadata value the tolerant reading keeps', async () => {
    const body = '{"metadata": {"a": [1]}}';
    const tolerant = await run(['convert', '-'], { stdin: body });
    expect(xmlCodec.decodeMetadata(tolerant.stdout)).toEqual({ a: '[1]' });
    const strict = await run(['convert', '-', '--strict'], { stdin: body });
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain('at /metadata/a');
  });

  describe('bad input: a fault with its place on stderr, exit 1, nothing on stdout', () => {
    it.each([
      ['a JSON syntax error', '{"image": {"id": "1",}}', /badRequest \(400\): .*line 1, column/],
      ['a wrong type', '{"image": {"id": "1", "name": null, "minDisk": -1}}', /at \/image\/minDisk/],
      ['a DOCTYPE', '<!DOCTYPE image [<!ENTITY a "b">]><image/>', /badRequest \(400\): .*DOCTYPE/i],
      ['neither format', 'hello', /neither JSON nor XML/],
      ['an unknown envelope', '{"server": {}}', /Cannot tell what this JSON document is/],
      ['an unknown XML root', '<?xml version="1.0"?><!-- c --><server/>', /Cannot tell what this XML document is/],
      ['invalid UTF-8', new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x7d]), /badRequest \(400\)/],
      ['an empty input', '', /neither JSON nor XML/],
    ])('%s', async (_what, stdin, message) => {
      const result = await run(['convert', '-'], { stdin });
      expect([result.code, result.stdout]).toEqual([1, '']);
      expect(result.stderr).toMatch(message);
      expect(result.stderr.split('\n').length).toBe(2);
    });

    it('an input past --max-bytes is overLimit', async () => {
      writeFileSync(join(work, 'big.json'), `{"metadata": {"a": "${'x'.repeat(5000)}"}}`);
      const file = await run(['convert', join(work, 'big.json'), '--max-bytes', '1000']);
      expect([file.code, file.stderr]).toEqual([1, expect.stringContaining('overLimit (413)')]);
      const stdin = await run(['convert', '-', '--max-bytes', '1000'], { stdin: readFileSync(join(work, 'big.json')) });
      expect(stdin.stderr).toContain('stdin is larger than 1000 bytes');
    });

    it('a missing file, a directory', async () => {
      const missing = await run(['convert', join(work, 'nope.json')]);
      expect([missing.code, missing.stderr]).toEqual([
        1,
        `openstack-image convert: cannot read ${join(work, 'nope.json')}: ENOENT\n`,
      ]);
      const dir = await run(['convert', work]);
      expect([dir.code, dir.stderr]).toEqual([1, `openstack-image convert: cannot read ${work}: not a file\n`]);
    });
  });

  describe('a command line it cannot run: exit 2, the reason and a pointer to --help on stderr', () => {
    it.each([
      [['convert']],
      [['convert', 'a', 'b']],
      [['convert', '-', '--to', 'yaml']],
      [['convert', '-', '--kind', 'server']],
      [['convert', '-', '--bogus']],
      [['convert', '-', '--max-bytes', 'lots']],
      [['convert', '-', '--out']],
    ])('%j', async (args) => {
      const result = await run(args, { stdin: '{"meta": {"a": "b"}}' });
      expect([result.code, result.stdout]).toEqual([2, '']);
      expect(result.stderr).toMatch(/^openstack-image convert: .+\nRun "openstack-image --help" for usage\.\n$/);
    });
  });
});
