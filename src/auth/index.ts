/** Accounts, sessions, API tokens, probes and roles (issue 13). */
export * from './accounts.js';
export * from './acting.js';
export * from './api-tokens.js';
export * from './auth-policy.js';
export * from './login-throttle.js';
export * from './password-hash.js';
export * from './password-policy.js';
export * from './probes.js';
export * from './roles.js';
export * from './sessions.js';
export * from './sign-in.js';
