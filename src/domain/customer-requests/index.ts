/** Customer requests and registration flows: what other modules and the HTTP edge use. */
export { createCustomerRequest, type CreateRequestInput } from './create.js';
export {
  saveAnswers,
  validateAnswers,
  uploadDocument,
  removeUpload,
  submitForm,
  finishRequest,
  cancelForm,
  expireRequest,
  findForm,
  closedError,
  type UploadInput,
  type FinishResult,
} from './collection.js';
export { completeRequest, fakeAnswer, type CompleteOptions, type CompleteResult } from './complete.js';
export { deriveRequestStatus, isCompleted } from './lifecycle.js';
export { getRequest, findRequest, latestRequestOf, requestsOf, allRequests } from './store.js';
export { presentApiRequest, presentCollectionRequest, presentCollectionForm, presentDetailedRequest, presentRequestSummary } from './views.js';
export { onCheckCompleted, type CompletedCheck } from './reactions.js';
export { CrMsg } from './messages.js';
export { SAMPLE_IMAGES } from './sample-images.js';
export type { CustomerRequestDoc, FormDoc, RequestStatus, FormStatus } from './types.js';
