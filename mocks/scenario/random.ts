/**
 * Seeded randomness. Every series draws from its own stream keyed by the scenario seed and the
 * series' identity, so adding a series or a service never changes the noise of the others, and
 * the same definition always yields the same samples (no Math.random, no clock).
 */

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Standard normal. */
  gauss(): number;
}

/** 32-bit FNV-1a followed by a murmur3 finalizer, so similar identities give unrelated seeds. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** mulberry32: tiny, fast and good enough for synthetic noise. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomFor(seed: number, identity: string): Random {
  const next = mulberry32(hashString(`${String(seed)}|${identity}`));
  let spare: number | null = null;
  return {
    next,
    gauss() {
      if (spare !== null) {
        const value = spare;
        spare = null;
        return value;
      }
      // Box–Muller; 1 - next() is in (0, 1], so the logarithm is finite.
      const radius = Math.sqrt(-2 * Math.log(1 - next()));
      const angle = 2 * Math.PI * next();
      spare = radius * Math.sin(angle);
      return radius * Math.cos(angle);
    },
  };
}

/**
 * A slowly wandering level around 0 (an AR(1) process) with the given standard deviation and
 * correlation time: traffic drifts for minutes rather than jumping every scrape.
 */
export function wander(
  random: Random,
  steps: number,
  stepSeconds: number,
  deviation: number,
  correlationSeconds: number,
): Float64Array {
  const out = new Float64Array(steps);
  const keep = Math.exp(-stepSeconds / correlationSeconds);
  const kick = deviation * Math.sqrt(1 - keep * keep);
  let level = deviation * random.gauss();
  for (let k = 0; k < steps; k++) {
    level = keep * level + kick * random.gauss();
    out[k] = level;
  }
  return out;
}

/** Rounds to an integer with probability proportional to the fraction, so counts stay unbiased. */
export function roundRandomly(value: number, random: Random): number {
  return Math.floor(value + random.next());
}
