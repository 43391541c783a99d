/**
 * Reads MathML (`<mml:math>` inside ArticleTitle or AbstractText) as the plain text a reader
 * would type: token elements' text run together, sub- and superscripts inline, and an accent
 * over a token (`<mover>` with "˙" or "¯") as the combining mark on it, so `V̇O2max` reads as
 * such instead of "V . O 2 m a x".
 */

/** Elements whose text is the formula's; whitespace between other elements is layout. */
const TOKENS = new Set(['mi', 'mn', 'mo', 'mtext', 'ms']);
/** Alternative encodings of the formula (TeX, content MathML) that would repeat it. */
const SKIPPED = new Set(['annotation', 'annotation-xml']);
/** An accent as `<mover>` writes it, and the combining mark that puts it on the letter before. */
const COMBINING_ACCENTS: Readonly<Record<string, string>> = {
  '˙': '\u0307', '.': '\u0307', '·': '\u0307', '\u0307': '\u0307',
  '¨': '\u0308', '\u0308': '\u0308',
  '¯': '\u0304', '‾': '\u0305', '\u0304': '\u0304',
  '^': '\u0302', 'ˆ': '\u0302', '~': '\u0303', '˜': '\u0303', '→': '\u20D7',
};

interface Frame {
  name: string;
  children: number;
  /** Position among its parent's children. */
  index: number;
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

export class MathText {
  private readonly frames: Frame[] = [];
  private out = '';

  /** `depth` is the path depth of the `math` element itself. */
  constructor(private readonly depth: number) {}

  static starts(name: string): boolean {
    return localName(name) === 'math';
  }

  open(name: string): void {
    const parent = this.frames.at(-1);
    const index = parent ? parent.children : 0;
    if (parent) parent.children += 1;
    this.frames.push({ name: localName(name), children: 0, index });
  }

  text(text: string): void {
    const frame = this.frames.at(-1);
    if (frame === undefined || !TOKENS.has(frame.name) || this.frames.some((f) => SKIPPED.has(f.name))) return;
    const token = text.trim();
    const parent = this.frames.at(-2);
    const accent = parent && (parent.name === 'mover' || parent.name === 'munder') && frame.index === 1 ? COMBINING_ACCENTS[token] : undefined;
    this.out += accent ?? token;
  }

  /** Closes an element at path depth `depth`; returns the formula's text when that was the `math` element. */
  close(depth: number): string | undefined {
    if (depth === this.depth) return this.out;
    this.frames.pop();
    return undefined;
  }
}
