/** Colour on a terminal only, and never when `NO_COLOR` is set to anything but the empty string (no-color.org). */
export function useColour(isTTY: boolean, env: Readonly<Record<string, string | undefined>>): boolean {
  return isTTY && (env.NO_COLOR === undefined || env.NO_COLOR === '');
}

export interface Paint {
  readonly bold: (text: string) => string;
  readonly red: (text: string) => string;
  readonly green: (text: string) => string;
}

const plain: Paint = { bold: (t) => t, red: (t) => t, green: (t) => t };
const ansi: Paint = {
  bold: (t) => `\u001b[1m${t}\u001b[22m`,
  red: (t) => `\u001b[31m${t}\u001b[39m`,
  green: (t) => `\u001b[32m${t}\u001b[39m`,
};

export function paint(colour: boolean): Paint {
  return colour ? ansi : plain;
}
