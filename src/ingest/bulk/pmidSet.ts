/**
 * A set of PMIDs for a bulk load of millions of records: numeric PMIDs (all of PubMed's) as bits,
 * about 5 MB for PubMed's whole range, where a Set of strings would need hundreds; the few
 * others (evmap's synthetic keys for references known by DOI alone) in an ordinary Set.
 */
export class PmidSet {
  private bits = new Uint8Array(1 << 20);
  private readonly others = new Set<string>();
  size = 0;

  private static numeric(pmid: string): number | undefined {
    if (!/^[1-9]\d{0,9}$/.test(pmid)) return undefined;
    const n = Number(pmid);
    return n <= 0xffffffff ? n : undefined;
  }

  has(pmid: string): boolean {
    const n = PmidSet.numeric(pmid);
    if (n === undefined) return this.others.has(pmid);
    const byte = n >>> 3;
    return byte < this.bits.length && ((this.bits[byte] as number) & (1 << (n & 7))) !== 0;
  }

  /** Adds the PMID; false when it was already there. */
  add(pmid: string): boolean {
    const n = PmidSet.numeric(pmid);
    if (n === undefined) {
      if (this.others.has(pmid)) return false;
      this.others.add(pmid);
      this.size += 1;
      return true;
    }
    const byte = n >>> 3;
    if (byte >= this.bits.length) {
      let length = this.bits.length;
      while (length <= byte) length *= 2;
      const grown = new Uint8Array(length);
      grown.set(this.bits);
      this.bits = grown;
    }
    const mask = 1 << (n & 7);
    if (((this.bits[byte] as number) & mask) !== 0) return false;
    this.bits[byte] = (this.bits[byte] as number) | mask;
    this.size += 1;
    return true;
  }

  /** Every member in ascending numeric order, then the others. */
  *values(): Generator<string> {
    for (let byte = 0; byte < this.bits.length; byte += 1) {
      const b = this.bits[byte] as number;
      if (b === 0) continue;
      for (let bit = 0; bit < 8; bit += 1) if (b & (1 << bit)) yield String(byte * 8 + bit);
    }
    yield* this.others;
  }
}
