// The pool's password policy (Cognito's default): 8+ characters with upper, lower, digit and symbol.

export const PASSWORD_MINIMUM_LENGTH = 8;

/**
 * Cognito's symbol set: ^ $ * . [ ] { } ( ) ? " ! @ # % & / \ , > < ' : ; | _ ~ ` = + -
 * and "a non-leading, non-trailing space character is also treated as a special character".
 */
const SYMBOLS = new Set('^$*.[]{}()?"!@#%&/\\,><\':;|_~`=+-');

function hasSymbol(password: string): boolean {
  const chars = Array.from(password);
  return chars.some(
    (char, index) => SYMBOLS.has(char) || (char === ' ' && index > 0 && index < chars.length - 1)
  );
}

/** The rules in the order the pool checks them, each with the sentence Cognito puts after "policy: ". */
const RULES: { rule: string; holds: (password: string) => boolean; explain: string }[] = [
  {
    rule: 'Password not long enough',
    holds: (password) => Array.from(password).length >= PASSWORD_MINIMUM_LENGTH,
    explain: `fewer than ${PASSWORD_MINIMUM_LENGTH} characters`
  },
  {
    rule: 'Password must have uppercase characters',
    holds: (password) => /[A-Z]/.test(password),
    explain: 'no upper-case letter'
  },
  {
    rule: 'Password must have lowercase characters',
    holds: (password) => /[a-z]/.test(password),
    explain: 'no lower-case letter'
  },
  {
    rule: 'Password must have numeric characters',
    holds: (password) => /[0-9]/.test(password),
    explain: 'no digit'
  },
  { rule: 'Password must have symbol characters', holds: hasSymbol, explain: 'no symbol' }
];

/** The first rule the password breaks, or undefined when it conforms. */
export function passwordPolicyViolation(password: string): { rule: string; explain: string } | undefined {
  const broken = RULES.find((candidate) => !candidate.holds(password));
  return broken && { rule: broken.rule, explain: broken.explain };
}
