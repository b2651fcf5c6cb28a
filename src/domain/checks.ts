/** The checks module (see ./checks/): instruct, run on the clock, demo outcomes, manual decisions. */
export * from './checks/index.js';
