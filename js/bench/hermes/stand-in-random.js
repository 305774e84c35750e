// Imported first by sign-in.js. Hermes has no crypto.getRandomValues (an app gets it from react-native-get-random-values).
// A stand-in for the benchmark only: an xorshift, not a secure source.
let seed = 0x9e3779b9;
globalThis.crypto = {
  getRandomValues(bytes) {
    for (let i = 0; i < bytes.length; i++) {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      bytes[i] = seed & 255;
    }
    return bytes;
  },
};

