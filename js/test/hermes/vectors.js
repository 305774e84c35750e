// Runs under Hermes (test/hermes.test.mjs bundles it): every vector file through the
// JavaScript build's `compute` on the host-bigint backend (and the SRP files again on
// portable32, the fallback for an engine without BigInt), every PASSWORD_VERIFIER vector
// through the package's SignIn (startWith and a given clock: the deterministic entry
// points), and the randomness refusal without crypto.getRandomValues. Prints one JSON
// report. VECTOR_FILES and UNIX_SECONDS are defined by the bundler (Hermes has no fs, and
// its Date.parse does not read the vectors' timestamps).
import * as engineModule from '../../wasm/engine.js';
import * as vectorsModule from '../../../target/js/engine-vectors.js';
import { abi } from '../../abi.js';
import { bind, bindVectors } from '../../api.js';

const engine = abi(engineModule);
const vectorsEngine = abi(vectorsModule);

const report = { hermes: HermesInternal.getRuntimeProperties()['OSS Release Version'], checked: {}, failures: [] };
const fail = (where, detail) => report.failures.push(`${where}: ${detail}`);
const vectors = bindVectors(vectorsEngine);

function runFile(name, document, tag) {
  let checked = 0;
  if (document.vector) {
    const v = document.vector;
    const input = {};
    for (const k of ['I', 'P', 's', 'N', 'g', 'k', 'x', 'u', 'a', 'b']) input[k] = v[k];
    const out = vectors.compute({ kind: 'rfc5054', input });
    for (const k of ['v', 'A', 'B', 'S']) if (out[k] !== v[k]) fail(`${tag} ${name}`, k);
    if (out.S_server !== v.S) fail(`${tag} ${name}`, 'S_server');
    return 1;
  }
  for (const vector of document.vectors) {
    const out = vectors.compute({ kind: vector.kind, input: vector.input });
    const where = `${tag} ${name} ${vector.id}`;
    if ('error' in vector) {
      if (out.error !== vector.error) fail(where, `error ${out.error}, not ${vector.error}`);
    } else if (out.error !== undefined) {
      fail(where, `refused: ${out.error}`);
    } else {
      for (const key of Object.keys(vector.expected)) {
        if (out[key] !== vector.expected[key]) fail(where, key);
      }
    }
    checked += 1;
  }
  return checked;
}

// Every file on the default backend; the files with SRP arithmetic again on portable32.
const srpFiles = ['srp_a.json', 'password_verifier.json', 'device.json', 'rfc5054.json'];
for (const backend of ['host-bigint', 'portable32']) {
  vectorsEngine.selectBackend(backend);
  for (const name of Object.keys(VECTOR_FILES)) {
    if (backend === 'portable32' && srpFiles.indexOf(name) < 0) continue;
    report.checked[`${backend} ${name}`] = runFile(name, VECTOR_FILES[name], backend);
  }
}

// The package's API on the package's own module (its default backend).
const api = bind(engine);
report.engine = api.engine();
let signIns = 0;
for (const { id, input, expected } of VECTOR_FILES['password_verifier.json'].vectors) {
  const signIn = api.SignIn.userSrp({
    poolId: input.pool_id,
    clientId: 'client',
    username: 'typed-alias',
    password: input.password,
  });
  const initiate = signIn.startWith(input.a);
  if (initiate.AuthParameters.SRP_A !== expected.srp_a) fail(`SignIn ${id}`, 'SRP_A');
  const step = signIn.next(
    {
      ChallengeName: 'PASSWORD_VERIFIER',
      ChallengeParameters: {
        USERNAME: 'internal-name',
        USER_ID_FOR_SRP: input.user_id_for_srp,
        SALT: input.salt,
        SRP_B: input.srp_b,
        SECRET_BLOCK: input.secret_block,
      },
      Session: 'the-session',
    },
    { unixSeconds: UNIX_SECONDS[id] },
  );
  const responses = step.respond && step.respond.ChallengeResponses;
  if (!responses) fail(`SignIn ${id}`, 'no response');
  else {
    if (responses.PASSWORD_CLAIM_SIGNATURE !== expected.password_claim_signature) fail(`SignIn ${id}`, 'signature');
    if (responses.TIMESTAMP !== input.timestamp) fail(`SignIn ${id}`, 'TIMESTAMP');
    if (responses.USERNAME !== 'internal-name') fail(`SignIn ${id}`, 'USERNAME');
  }
  signIns += 1;
}
report.checked.signIns = signIns;

// Randomness: refused as `rng` where the engine has no crypto.getRandomValues (the hermes
// CLI has none), and used once there is one (react-native-get-random-values' role in an
// app; here a stand-in that is not random, for this check only).
const options = { poolId: 'us-east-1_Abc', clientId: 'c', username: 'u', password: 'p' };
try {
  api.SignIn.userSrp(options).start();
  fail('rng', 'start() without crypto.getRandomValues was not refused');
} catch (e) {
  report.rngRefusal = `${e.name} ${e.code}`;
}
globalThis.crypto = {
  getRandomValues(bytes) {
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 151 + 7) & 255;
    return bytes;
  },
};
report.srpADigits = api.SignIn.userSrp(options).start().AuthParameters.SRP_A.length;
print(JSON.stringify(report));
