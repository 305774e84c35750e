// What the C ABI's module imports as `srp_host`: randomness (every build: the WebAssembly
// modules and wasm/engine.js), and for the JavaScript build (wasm/engine.js: the library
// through binaryen's wasm2js, for engines without WebAssembly) the one arithmetic step
// the Rust core leaves to the engine, the 3072-bit Montgomery product on BigInt
// (src/arith/host.rs). One host per module instance (`createHost`), each given that
// instance's memory. An interpreter runs the Rust limb loops a hundred times slower than
// its own native BigInt multiplication; everything else (the exponentiation schedule,
// the table lookups, additions, the final reduction, SRP itself) stays in the Rust core.
//
// The product, for a, b < 2N (49 little-endian 64-bit words each, in the core's memory),
// with R = 2^3136 > 4N: q = (a·b + m·N)/R, m = a·b·(−N⁻¹) mod R, is below 2N (Walter's
// bound), so there is no final comparison with N. Every operand below carries a sentinel
// bit (R, or R² in the product), so that the BigInts it multiplies and adds have the same
// length in 64-bit digits whatever the values: Hermes' BigInt (LLVM's APInt schoolbook)
// takes time by operand length, and otherwise by nothing but a zero 64-bit digit, which
// for these values comes with probability 2^-64. What this does not give: the guarantees
// of the WebAssembly builds. The interpreter's own time per operation is not ours to
// control, a 64-bit word read from BigUint64Array is a BigInt of one or two digits by its
// top bit, and the BigInts are garbage-collected, never wiped (the core's memory is).
//
// No BigInt literals: an engine without BigInt must still parse this file (and then use
// the portable32 backend, which srp_host_bigint tells the core to).

/** A host for one module instance: its imports, and `attach` to give it the memory. */
export function createHost() {
  let memory;
  let words;
  let big;

  function view() {
    if (!words || words.buffer !== memory.buffer) words = new BigUint64Array(memory.buffer);
    return words;
  }

  /** 1 where BigInt and BigUint64Array exist: the core then uses this host's product. */
  function srp_host_bigint() {
    return typeof BigInt === 'function' && typeof BigUint64Array === 'function' ? 1 : 0;
  }

  const LIMBS = 49;

  /** `N` from 48 words at `nPtr`; writes `R mod N` and `R² mod N` (public constants). */
  function srp_host_modulus(nPtr, onePtr, r2Ptr) {
    const w = view();
    const b64 = BigInt(64);
    let n = BigInt(0);
    for (let i = 47; i >= 0; i--) n = (n << b64) | w[(nPtr >>> 3) + i];
    const bits = BigInt(64 * LIMBS);
    const r = BigInt(1) << bits;
    const mask = r - BigInt(1);
    // N⁻¹ mod R by Newton's iteration: the correct low bits double each step (1 → 4096).
    let inv = BigInt(1);
    for (let i = 0; i < 12; i++) inv = (inv * (BigInt(2) - n * inv)) & mask;
    big = {
      b64,
      bits,
      r,
      mask,
      n,
      nPrime: (r - inv) & mask,
      // 2R − N: makes the last subtraction's operands and result positive, of fixed length.
      k: BigInt(2) * r - n,
    };
    store(onePtr, r % n);
    store(r2Ptr, (r * r) % n);
  }

  /** `R + x` for the 49 words at `ptr` (the sentinel R fixes the BigInt's length). */
  function load(w, ptr) {
    const { b64 } = big;
    let x = BigInt(1);
    for (let i = LIMBS - 1; i >= 0; i--) x = (x << b64) | w[(ptr >>> 3) + i];
    return x;
  }

  /** Writes x mod 2^3136 as 49 words at `ptr` (a BigUint64Array element takes x mod 2^64). */
  function store(ptr, x) {
    const w = view();
    const { b64 } = big;
    for (let i = 0; i < LIMBS; i++) {
      w[(ptr >>> 3) + i] = x;
      x >>= b64;
    }
  }

  /** `out = q`, the Montgomery product of the 49-word values at `aPtr` and `bPtr`. */
  function srp_host_mont_mul(aPtr, bPtr, outPtr) {
    const w = view();
    const { bits, r, mask, n, nPrime, k } = big;
    const a = load(w, aPtr); // a + R
    const b = load(w, bPtr); // b + R
    const t = a * b; // ab + R(a + b) + R², and ≡ ab (mod R)
    const m = (((t & mask) | r) * nPrime) & mask; // ab·(−N⁻¹) mod R
    // (t + (m + R)·N) / R = q + a + b + R + N, exactly; then + 2R − N − (a + R) − (b + R).
    store(outPtr, ((t + (m | r) * n) >> bits) + k - (a + b));
  }

  /** Fills `len` bytes at `ptr` from crypto.getRandomValues; 1 where there is none. */
  function srp_host_random(ptr, len) {
    const crypto = globalThis.crypto;
    if (!crypto || typeof crypto.getRandomValues !== 'function') return 1;
    const bytes = new Uint8Array(memory.buffer, ptr, len);
    // getRandomValues fills at most 65,536 bytes a call.
    for (let at = 0; at < len; at += 65536) crypto.getRandomValues(bytes.subarray(at, at + 65536));
    return 0;
  }

  return {
    srp_host: { srp_host_bigint, srp_host_modulus, srp_host_mont_mul, srp_host_random },
    /** Gives the host the module's memory (whose buffer may be replaced as it grows). */
    attach(m) {
      memory = m;
    },
  };
}

/** The host of the JavaScript build, which wasm2js' output imports statically. */
export const engineHost = createHost();
