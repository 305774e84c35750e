/** An input srp-cognito refused: `code` is the category (`bad_hex`, `out_of_turn`, ...). */
export class SrpCognitoError extends Error {
  constructor(code, message) {
    super(message);
    this.name = 'SrpCognitoError';
    this.code = code;
  }
}
