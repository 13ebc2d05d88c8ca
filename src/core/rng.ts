// Seeded PRNG (mulberry32). Its whole state is one 32-bit integer kept inside the World, so a world
// can be copied, stored in a checkpoint or hashed, and always continues the same way.

export function seedRng(seed: number): number {
  // Spread small seeds (0, 1, 2 …) over the state space.
  return (Math.imul(seed >>> 0, 0x9e3779b1) ^ 0x2545f491) >>> 0;
}

/** Next state and a uniform float in [0, 1). */
export function nextFloat(state: number): [number, number] {
  const s = (state + 0x6d2b79f5) >>> 0;
  let t = s;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return [s, ((t ^ (t >>> 14)) >>> 0) / 4294967296];
}

/** Next state and a uniform integer in [min, max] (inclusive). */
export function nextInt(state: number, min: number, max: number): [number, number] {
  const [s, f] = nextFloat(state);
  return [s, min + Math.floor(f * (max - min + 1))];
}
