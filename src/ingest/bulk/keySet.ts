/** cyrb53 (bryc, public domain): a fast 53-bit string hash; two seeds give two independent halves. */
function cyrb53(text: string, seed: number): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/**
 * A set of string keys (author ids, DOI keys) for a bulk load, remembering 106 bits of hash per
 * key instead of the key: 16 bytes an entry where a Set of strings takes 60 to 100, so millions
 * of authors stay in tens of megabytes. Two keys would have to agree in both 53-bit hashes to be
 * taken for one (for ten million keys, odds of about one in 10^17).
 */
export class KeySet {
  private a = new Float64Array(1 << 16);
  private b = new Float64Array(1 << 16);
  size = 0;

  /** Adds the key; false when it was already there. */
  add(key: string): boolean {
    if ((this.size + 1) * 2 > this.a.length) this.grow();
    const h1 = cyrb53(key, 1) + 1;
    const h2 = cyrb53(key, 2);
    return this.insert(h1, h2);
  }

  private insert(h1: number, h2: number): boolean {
    const mask = this.a.length - 1;
    // h1 is never 0, so 0 marks a free slot.
    for (let slot = h1 % (mask + 1); ; slot = (slot + 1) & mask) {
      const seen = this.a[slot] as number;
      if (seen === 0) {
        this.a[slot] = h1;
        this.b[slot] = h2;
        this.size += 1;
        return true;
      }
      if (seen === h1 && this.b[slot] === h2) return false;
    }
  }

  private grow(): void {
    const [oldA, oldB] = [this.a, this.b];
    this.a = new Float64Array(oldA.length * 2);
    this.b = new Float64Array(oldB.length * 2);
    this.size = 0;
    for (let i = 0; i < oldA.length; i += 1) if (oldA[i] !== 0) this.insert(oldA[i] as number, oldB[i] as number);
  }
}
