/** A member name as a JSON pointer token (RFC 6901): `~` as `~0`, `/` as `~1`. */
export function pointerToken(key: string): string {
  return key.includes('~') || key.includes('/') ? key.replace(/~/g, '~0').replace(/\//g, '~1') : key;
}

/** The pointer of a member or array element under `pointer`. */
export function childPointer(pointer: string, key: string | number): string {
  return `${pointer}/${typeof key === 'number' ? key : pointerToken(key)}`;
}

/** How a pointer is shown when it names the whole document. */
export function shownPointer(pointer: string): string {
  return pointer === '' ? '/' : pointer;
}
