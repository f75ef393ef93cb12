export * from './limits.js';
export * from './roles.js';
export * from './domain.js';
export * from './safety.js';
export * from './crisis.js';
export * from './milestones.js';
export * from './http-timeouts.js';
export * from './safety-plan.js';
