/** Standard sensitivity-analysis test functions and their analytical Sobol indices. */

/** Ishigami & Homma (1990) on [-pi, pi]^3, from unit coordinates. */
export function ishigami(u: readonly number[], a = 7, b = 0.1): number {
  const [x1, x2, x3] = u.map((v) => -Math.PI + 2 * Math.PI * v);
  return Math.sin(x1) + a * Math.sin(x2) ** 2 + b * x3 ** 4 * Math.sin(x1);
}

export function ishigamiIndices(a = 7, b = 0.1): { first: number[]; total: number[] } {
  const pi4 = Math.PI ** 4;
  const v = a ** 2 / 8 + (b * pi4) / 5 + (b ** 2 * pi4 ** 2) / 18 + 0.5;
  const v1 = 0.5 * (1 + (b * pi4) / 5) ** 2;
  const v2 = a ** 2 / 8;
  const vt3 = (8 * b ** 2 * pi4 ** 2) / 225;
  return { first: [v1 / v, v2 / v, 0], total: [(v1 + vt3) / v, v2 / v, vt3 / v] };
}

/** Sobol' G-function on [0,1]^d. */
export function gFunction(u: readonly number[], a: readonly number[]): number {
  let p = 1;
  for (let i = 0; i < a.length; i++) p *= (Math.abs(4 * u[i] - 2) + a[i]) / (1 + a[i]);
  return p;
}

/** From V_i = 1 / (3 (1 + a_i)^2): S_i = V_i / V and S_Ti = V_i prod_{j != i} (1 + V_j) / V. */
export function gFunctionIndices(a: readonly number[]): { first: number[]; total: number[] } {
  const vi = a.map((ai) => 1 / (3 * (1 + ai) ** 2));
  const prod = vi.reduce((p, v) => p * (1 + v), 1);
  const v = prod - 1;
  return { first: vi.map((x) => x / v), total: vi.map((x) => (x * prod) / (1 + x) / v) };
}
