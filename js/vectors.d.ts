// Types of `srp-cognito/vectors` (vectors.js): the test vectors' `compute`.

/** The build of this entry: always the scalar one (a sign-in never loads it). */
export const build: 'scalar';

/**
 * A test-vector request (`{ kind, input }`, as in the project's test-vectors/FORMAT.md, or
 * its JSON text) in; the expected object, or `{ error: category }`, out. It does not wipe
 * its request: test inputs only.
 */
export function compute(request: string | { kind: string; input: object }): Record<string, unknown>;
