// Types of `srp-cognito/vectors` (vectors.js): the test vectors' `compute`.

/** Which build this runtime loaded. */
export const build: 'simd' | 'scalar';

/**
 * A test-vector request (`{ kind, input }`, as in the project's test-vectors/FORMAT.md, or
 * its JSON text) in; the expected object, or `{ error: category }`, out. It does not wipe
 * its request: test inputs only.
 */
export function compute(request: string | { kind: string; input: object }): Record<string, unknown>;
