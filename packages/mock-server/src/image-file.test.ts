import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sample } from '@openstack-image/test-support';
import { describe, expect, it } from 'vitest';
import { ImageFileError, readImageFile } from './image-file.ts';

const dir = mkdtempSync(join(tmpdir(), 'openstack-image-mock-'));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function problem(path: string): string {
  try {
    readImageFile(path);
  } catch (error) {
    expect(error).toBeInstanceOf(ImageFileError);
    return (error as Error).message;
  }
  throw new Error('expected the file to be refused');
}

describe('--data reads a JSON detail list', () => {
  it("reads Nova's detail list sample", () => {
    const images = readImageFile(file('nova.json', sample('nova/images-details-get-resp.json')));
    expect(images).toHaveLength(7);
    expect(images[4]!.metadata.ramdisk_id).toBe('null');
  });

  it('reads an empty list', () => {
    expect(readImageFile(file('empty.json', '{"images": []}'))).toEqual([]);
  });
});

describe('--data refuses a bad file with a message naming the problem', () => {
  it.each([
    ['missing', undefined, /missing\.json: cannot read the file \(ENOENT\)/],
    ['not-json.json', 'images: []', /not-json\.json: not a detail list .*: /],
    ['one-image.json', sample('nova/image-get-resp.json'), /one-image\.json: not a detail list .*images/],
    [
      'bad-field.json',
      '{"images": [{"id": "1", "name": "a", "minDisk": -1, "links": [], "metadata": {}}]}',
      /bad-field\.json: not a detail list .*minDisk must be an integer >= 0 at \/images\/0\/minDisk/,
    ],
    [
      'twice.json',
      '{"images": [{"id": "1", "name": "a", "links": []}, {"id": "2", "name": "b"}, {"id": "1", "name": "c"}]}',
      /twice\.json: the id "1" appears twice, again at \/images\/2\/id/,
    ],
    [
      'control.json',
      '{"images": [{"id": "1", "name": "a"}, {"id": "2", "name": "b", "metadata": {"k": "bell \\u0007"}}]}',
      /control\.json: cannot be served as application\/xml: .*U\+0007.* at \/images\/1\/metadata\/k/,
    ],
  ])('%s', (name, text, message) => {
    const path = text === undefined ? join(dir, `${name}.json`) : file(name, text);
    expect(problem(path)).toMatch(message);
  });
});
