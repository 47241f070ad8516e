/**
 * Digits of pi for the `pi` Job (`perl -Mbignum=bpi -wle 'print bpi(2000)'`), computed with Machin's formula
 * on BigInt: deterministic, no table to copy.
 */

function arctanInv(x: bigint, unity: bigint): bigint {
  // arctan(1/x) = 1/x - 1/(3x^3) + 1/(5x^5) - …
  let sum = 0n;
  let power = unity / x;
  const x2 = x * x;
  let n = 1n;
  let sign = 1n;
  while (power !== 0n) {
    sum += (sign * power) / n;
    power /= x2;
    n += 2n;
    sign = -sign;
  }
  return sum;
}

/** Pi with `significant` significant digits, rounded like Math::BigFloat: `3.14159…`. */
export function piDigits(significant: number): string {
  const n = Math.max(1, Math.floor(significant));
  const guard = 12;
  const unity = 10n ** BigInt(n - 1 + guard);
  const pi = 4n * (4n * arctanInv(5n, unity) - arctanInv(239n, unity));
  const scale = 10n ** BigInt(guard);
  const rounded = (pi + scale / 2n) / scale;
  const s = rounded.toString();
  return s.length > 1 ? `${s[0]}.${s.slice(1)}` : s;
}
