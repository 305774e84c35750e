// Cognito's SRP client math on Node's BigInt and node:crypto, written from the protocol's
// formulas (variable-time): the benchmark's "Node BigInt" and the independent reference of
// the package's differential test.
import { createHash, createHmac, hkdfSync } from 'node:crypto';

export const N = BigInt(
  '0x' +
    'FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD' +
    'EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED' +
    'EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F' +
    '83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B' +
    'E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510' +
    '15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7' +
    'ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C' +
    'BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF',
);
const g = 2n;

/** padHex: even-length hex, with `00` before a first digit of 8–f. */
export function padHex(n) {
  let h = n.toString(16);
  if (h.length % 2) h = `0${h}`;
  return '89abcdef'.includes(h[0]) ? `00${h}` : h;
}

const hexHash = (hex) => createHash('sha256').update(Buffer.from(hex, 'hex')).digest('hex');

/** `base^exp mod m`, square-and-multiply. */
export function modPow(base, exp, m) {
  let result = 1n;
  base %= m;
  while (exp > 0n) {
    if (exp & 1n) result = (result * base) % m;
    base = (base * base) % m;
    exp >>= 1n;
  }
  return result;
}

const k = BigInt(`0x${hexHash(padHex(N) + padHex(g))}`);

/** `A = g^a mod N` for `a` a BigInt. */
export const srpA = (a) => modPow(g, a, N);

/**
 * PASSWORD_CLAIM_SIGNATURE for `a` (BigInt) and the challenge's `srpB`, `salt` (hex),
 * `secretBlock` (base64), at `timestamp`; `null` where the protocol refuses (B ≡ 0, u = 0).
 */
export function signature({ poolName, user, password, a, srpB, salt, secretBlock, timestamp }) {
  const A = srpA(a);
  const B = BigInt(`0x${srpB}`);
  if (B % N === 0n) return null;
  const u = BigInt(`0x${hexHash(padHex(A) + padHex(B))}`);
  if (u === 0n) return null;
  const inner = createHash('sha256').update(`${poolName}${user}:${password}`).digest('hex');
  const x = BigInt(`0x${hexHash(padHex(BigInt(`0x${salt}`)) + inner)}`);
  const base = (((B - k * modPow(g, x, N)) % N) + N) % N;
  const S = modPow(base, a + u * x, N);
  const key = Buffer.from(
    hkdfSync('sha256', Buffer.from(padHex(S), 'hex'), Buffer.from(padHex(u), 'hex'), 'Caldera Derived Key', 16),
  );
  return createHmac('sha256', key)
    .update(
      Buffer.concat([
        Buffer.from(poolName),
        Buffer.from(user),
        Buffer.from(secretBlock, 'base64'),
        Buffer.from(timestamp),
      ]),
    )
    .digest('base64');
}
