export { instructCheck, getCheck, listChecks, decideCheck, updateCheck, completeCheck, releaseWaitingChecks, presentState, checkVariant, checkVariantAlias, CHECK_COMPLETE_JOB, checkJobHandlers } from './run.js';
export type { InstructInput } from './run.js';
export { presentCheck, type CheckView } from './present.js';
export { CHECK_META, ASYNC_COMPLETE_AFTER_MS, ASYNC_RUNNING_AFTER_MS, defaultMode, isCheckType, type CheckDoc, type CheckMode } from './types.js';
export { KEYWORD_RULES, DEFAULT_OUTCOME, decideOutcome, nameWords, type DemoKeyword, type KeywordRule } from './demo-outcomes.js';
export { computeOutput } from './outputs.js';
