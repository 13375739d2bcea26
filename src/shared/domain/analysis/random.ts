import { mulberry32 } from '../../mulberry32';
/**
 * A small seeded random source for simulations (the benchmark's traffic, the tests' recorded-like
 * series): the same seed gives the same series on every machine.
 */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** A standard normal draw (Box-Muller). */
  normal(): number;
  /** Errors among `trials` requests that each fail with probability `p` (a Bernoulli draw per request). */
  binomial(trials: number, p: number): number;
}

/** mulberry32: 32 bits of state, good enough for simulations, not for secrets. */
export function seededRandom(seed: number): Random {
  const next = mulberry32(seed);
  return {
    next,
    normal: () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next()),
    binomial: (trials, p) => {
      let hits = 0;
      for (let i = 0; i < trials; i++) if (next() < p) hits++;
      return hits;
    }
  };
}
