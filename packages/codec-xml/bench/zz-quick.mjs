import { readFileSync } from 'node:fs';
import { saxesReader, templateWriter, txmlReader } from './peers.mjs';
const { xmlCodec } = await import('../dist/index.js');
const t = readFileSync('/work/shared/seed/get-image-details.txt','utf8');
const xml = new TextDecoder().decode(new TextEncoder().encode(t.slice(t.indexOf("<?xml version='1.0'")).trim()+'\n'));
const image = xmlCodec.decodeImage(xml);
const list = { images: Array.from({length:100},(_, i)=>({...image, id: image.id.slice(0,-6)+String(i).padStart(6,'0')})) };
const listXml = new TextDecoder().decode(new TextEncoder().encode(xmlCodec.encodeImageList(list)));
const saxes = saxesReader();
let sink = 0;
const time = (f, n) => { const s = process.hrtime.bigint(); for (let i = 0; i < n; i++) sink ^= f().length|0; return Number(process.hrtime.bigint() - s) / n; };
function cmp(name, a, b, n) { for (let i=0;i<3;i++){time(a,n);time(b,n);} const r=[]; for (let i=0;i<21;i++){ let x, y; if (i%2) { y=time(b,n); x=time(a,n);} else { x=time(a,n); y=time(b,n);} r.push(x/y);} r.sort((p,q)=>p-q); console.log(name.padEnd(30), r[10].toFixed(2)); }
const which = process.argv[2] ?? 'all';
if (which === 'all' || which === 'enc') {
cmp('encode seed / template', () => xmlCodec.encodeImage(image), () => templateWriter.encodeImage(image), 5000);
cmp('encode list100 / template', () => xmlCodec.encodeImageList(list), () => templateWriter.encodeImageList(list), 50);
}
if (which === 'all' || which === 'dec') {
cmp('decode seed / saxes', () => xmlCodec.decodeImage(xml).links, () => saxes.decodeImage(xml).links, 2000);
cmp('decode seed / txml', () => xmlCodec.decodeImage(xml).links, () => txmlReader.decodeImage(xml).links, 2000);
cmp('decode list100 / saxes', () => xmlCodec.decodeImageList(listXml).images, () => saxes.decodeImageList(listXml).images, 20);
cmp('decode list100 / txml', () => xmlCodec.decodeImageList(listXml).images, () => txmlReader.decodeImageList(listXml).images, 20);
}
if (which === 'av') {
  const { assertValid } = await import('../../schema/dist/index.js');
  cmp('assertValid Image / template', () => (assertValid('Image', image, '/image'), 'x'), () => templateWriter.encodeImage(image), 5000);
  cmp('assertValid list100 / template', () => (assertValid('ImageList', list, ''), 'x'), () => templateWriter.encodeImageList(list), 50);
}
