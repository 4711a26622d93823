/**
 * JSON for Redis that loses nothing: BullMQ stores job data and return values as JSON, which
 * turns typed arrays into objects, NaN and the infinities into null and -0 into 0. Results must be
 * byte-identical to a local run, so those values travel as tagged objects. Typed arrays are
 * written little-endian explicitly so that machines of either byte order agree.
 */
const TAG = '__powderkeg_wire';

type Tagged =
  | { [TAG]: 'number'; value: 'NaN' | 'Infinity' | '-Infinity' | '-0' }
  | { [TAG]: 'f64' | 'i32'; base64: string };

export function toWire(value: unknown): unknown {
  if (typeof value === 'number') return encodeNumber(value);
  if (value instanceof Float64Array) return { [TAG]: 'f64', base64: encodeArray(value, 8, (v, o, x) => v.setFloat64(o, x, true)) };
  if (value instanceof Int32Array) return { [TAG]: 'i32', base64: encodeArray(value, 4, (v, o, x) => v.setInt32(o, x, true)) };
  if (Array.isArray(value)) return value.map(toWire);
  if (value !== null && typeof value === 'object') {
    if (ArrayBuffer.isView(value)) throw new Error(`cannot send a ${value.constructor.name} to Redis`);
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toWire(v)]));
  }
  return value;
}

export function fromWire(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(fromWire);
  if (value === null || typeof value !== 'object') return value;
  const tagged = value as Partial<Tagged> & Record<string, unknown>;
  switch (tagged[TAG]) {
    case 'number':
      return decodeNumber((tagged as { value: string }).value);
    case 'f64':
      return decodeArray((tagged as { base64: string }).base64, 8, (n) => new Float64Array(n), (v, o) => v.getFloat64(o, true));
    case 'i32':
      return decodeArray((tagged as { base64: string }).base64, 4, (n) => new Int32Array(n), (v, o) => v.getInt32(o, true));
    default:
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fromWire(v)]));
  }
}

function encodeNumber(x: number): unknown {
  if (Number.isNaN(x)) return { [TAG]: 'number', value: 'NaN' };
  if (x === Infinity) return { [TAG]: 'number', value: 'Infinity' };
  if (x === -Infinity) return { [TAG]: 'number', value: '-Infinity' };
  if (Object.is(x, -0)) return { [TAG]: 'number', value: '-0' };
  return x;
}

function decodeNumber(text: string): number {
  if (text === 'NaN') return NaN;
  if (text === 'Infinity') return Infinity;
  if (text === '-Infinity') return -Infinity;
  if (text === '-0') return -0;
  throw new Error(`unknown number on the wire: ${text}`);
}

function encodeArray<A extends ArrayLike<number>>(array: A, width: number, set: (view: DataView, offset: number, x: number) => void): string {
  const bytes = new Uint8Array(array.length * width);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < array.length; i++) set(view, i * width, array[i]);
  return Buffer.from(bytes).toString('base64');
}

function decodeArray<A extends { [i: number]: number }>(base64: string, width: number, make: (n: number) => A, get: (view: DataView, offset: number) => number): A {
  const bytes = Buffer.from(base64, 'base64');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = bytes.byteLength / width;
  const out = make(n);
  for (let i = 0; i < n; i++) out[i] = get(view, i * width);
  return out;
}
