/**
 * Go's `math.Pow`, ported so `^` gives the bits Prometheus gives: integer powers by repeated
 * squaring of the mantissa (JavaScript's `**` may differ in the last bit), Go's special cases
 * (1^NaN = 1, (-1)^±Inf = 1), and `Frexp`/`Ldexp` on the IEEE bits. The fractional part of an
 * exponent still goes through `Math.exp`/`Math.log`, which may differ from Go's by an ulp.
 */

const bits = new DataView(new ArrayBuffer(8));
const SMALLEST_NORMAL = 2.2250738585072014e-308;
const MASK = 0x7ff;
const BIAS = 1023;

function highWord(x: number): number {
  bits.setFloat64(0, x);
  return bits.getUint32(0);
}

function withExponentField(x: number, field: number): number {
  bits.setFloat64(0, x);
  bits.setUint32(0, (bits.getUint32(0) & ~(MASK << 20)) | (field << 20));
  return bits.getFloat64(0);
}

function normalize(x: number): [number, number] {
  return Math.abs(x) < SMALLEST_NORMAL ? [x * 2 ** 52, -52] : [x, 0];
}

/** Go's `math.Frexp`: x = frac × 2^exp with |frac| in [0.5, 1). */
export function frexp(x: number): [number, number] {
  if (x === 0 || !Number.isFinite(x)) return [x, 0];
  const [normal, shift] = normalize(x);
  const exp = shift + ((highWord(normal) >>> 20) & MASK) - BIAS + 1;
  return [withExponentField(normal, BIAS - 1), exp];
}

/** Go's `math.Ldexp`: frac × 2^exp. */
export function ldexp(frac: number, exp: number): number {
  if (frac === 0 || !Number.isFinite(frac)) return frac;
  const [normal, shift] = normalize(frac);
  let e = exp + shift + ((highWord(normal) >>> 20) & MASK) - BIAS;
  if (e < -1075) return frac < 0 ? -0 : 0;
  if (e > 1023) return frac < 0 ? -Infinity : Infinity;
  let m = 1;
  if (e < -1022) {
    e += 53;
    m = 2 ** -53;
  }
  return m * withExponentField(normal, e + BIAS);
}

const isOddInt = (y: number): boolean =>
  Number.isInteger(y) && Math.abs(y) < 2 ** 53 && Math.abs(y % 2) === 1;

export function goPow(x: number, y: number): number {
  if (y === 0 || x === 1) return 1;
  if (y === 1) return x;
  if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
  if (x === 0) {
    if (y < 0) return Object.is(x, -0) && isOddInt(y) ? -Infinity : Infinity;
    return Object.is(x, -0) && isOddInt(y) ? x : 0;
  }
  if (y === Infinity || y === -Infinity) {
    if (x === -1) return 1;
    return Math.abs(x) < 1 === (y === Infinity) ? 0 : Infinity;
  }
  if (x === Infinity || x === -Infinity) {
    if (x === -Infinity) return goPow(1 / x, -y);
    return y < 0 ? 0 : Infinity;
  }
  if (y === 0.5) return Math.sqrt(x);
  if (y === -0.5) return 1 / Math.sqrt(x);

  let yi = Math.trunc(Math.abs(y));
  let yf = Math.abs(y) - yi;
  if (yf !== 0 && x < 0) return NaN;
  if (yi >= 2 ** 63) {
    if (x === -1) return 1;
    return Math.abs(x) < 1 === y > 0 ? 0 : Infinity;
  }
  let a1 = 1;
  let ae = 0;
  if (yf !== 0) {
    if (yf > 0.5) {
      yf--;
      yi++;
    }
    a1 = Math.exp(yf * Math.log(x));
  }
  let [x1, xe] = frexp(x);
  // Repeated squaring over the bits of yi (BigInt: yi may exceed 2^53).
  for (let i = BigInt(yi); i !== 0n; i >>= 1n) {
    if (xe < -(1 << 12) || 1 << 12 < xe) {
      ae += xe;
      break;
    }
    if ((i & 1n) === 1n) {
      a1 *= x1;
      ae += xe;
    }
    x1 *= x1;
    xe <<= 1;
    if (x1 < 0.5) {
      x1 += x1;
      xe--;
    }
  }
  if (y < 0) {
    a1 = 1 / a1;
    ae = -ae;
  }
  return ldexp(a1, ae);
}
