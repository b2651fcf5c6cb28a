/** Every message of customer requests and the collection back end; tests import the same text. */
export const CrMsg = {
  // creating
  activeRequestExists: (profileId: string, requestId: string) =>
    `Profile ${profileId} already has an active customer request (${requestId}); only one can be active at a time. Wait for it to complete or expire, or cancel its forms.`,
  unknownFlow: (alias: string, known: string[]) =>
    `flow_template.alias: no flow template has the alias "${alias}"${known.length ? ` (configured: ${known.join(', ')})` : ' (none are configured)'}`,
  unknownTheme: (alias: string, known: string[]) =>
    `theme.alias: no form theme has the alias "${alias}"${known.length ? ` (configured: ${known.join(', ')})` : ' (none are configured)'}`,
  flowEntityMismatch: (alias: string, flowType: string, profileType: string) =>
    `flow_template.alias: "${alias}" is a registration flow for ${flowType} profiles but this profile is ${profileType}`,
  noTasks: 'task_ids: a FORMS request needs at least one task id',
  taskTwice: (field: string, taskId: string) => `${field}: task ${taskId} is listed twice; a request has one form per task`,
  taskNotFound: (field: string, taskId: string, profileId: string) => `${field}: task ${taskId} does not exist on profile ${profileId}`,
  taskNotRequestable: (field: string, taskType: string) =>
    `${field}: tasks of type ${taskType} are not configured for customer requests; add one to "tasks" in the workspace config`,
  noRecipient: 'email.to: the profile has no contact_details.email, so say where the request email goes in email.to',
  messageNotParagraph: 'email.message: the message is one paragraph of plain text; remove the line breaks',
  noRequest: (profileId: string) => `Profile ${profileId} has no customer request`,
  requestNotFound: (id: string) => `Customer request ${id} does not exist in this workspace`,
  formNotFound: (requestId: string, formId: string) => `Customer request ${requestId} has no form ${formId}`,

  // state
  requestExpired: 'This request has expired.',
  requestClosed: (status: string) => `This request is ${status}; it can no longer be changed`,
  formClosed: (formId: string, status: string) => `Form ${formId} is ${status}; only a SENT form can be changed`,
  formsStillOpen: (titles: string[]) => `Some forms are not submitted yet: ${titles.join(', ')}`,
  waitingForChecks: (checks: string[]) =>
    `The request is waiting for ${checks.join(', ')} to finish; a follow-up form may still be added. Try again shortly (or move the workspace clock).`,
  submitted: 'Data successfully submitted.',

  // answers
  unknownQuestion: (id: string) => `is not a question of this form`,
  documentViaUpload: 'is a document question: upload its images with POST …/documents',
  required: 'is required',
  notText: 'must be text',
  tooLong: (max: number) => `must be at most ${max} characters`,
  notDate: 'must be a date as YYYY-MM-DD',
  notRealDate: 'is not a real calendar date',
  notCountry: (value: string) => `must be an ISO 3166-1 alpha-3 country code like GBR, got ${JSON.stringify(value)}`,
  notEmail: 'must be an email address like name@example.com',
  notPhone: 'must be a phone number: digits, spaces, brackets and dashes, optionally starting with +',
  notOption: (options: string[]) => `must be one of ${options.join(', ')}`,
  notNumber: 'must be a number',
  belowMin: (min: number) => `must be at least ${min}`,
  aboveMax: (max: number) => `must be at most ${max}`,
  notBoolean: 'must be true or false',
  notAddress: 'must be an address: {"type":"STRUCTURED","country":"GBR",…} or {"type":"FREEFORM","country":"GBR","text":"…"}',
  addressNeedsLine: 'needs more than a country: add the street, town or postal code',
  answersInvalid: (first: string, more: number) => `Invalid answers: ${first}${more > 0 ? ` (and ${more} more)` : ''}`,
  collectedDataInvalid: (path: string, problem: string) =>
    `The answers would make collected_data invalid at ${path}: ${problem}. This is a problem with the form template; check its paths.`,

  // documents
  noDocumentQuestion: 'question_id: this form has no document question',
  whichDocumentQuestion: (ids: string[]) => `question_id: this form has several document questions (${ids.join(', ')}); say which one`,
  notDocumentQuestion: (id: string) => `question_id: "${id}" is not a document question of this form`,
  documentTypeNotAccepted: (type: string, accepted: string[]) =>
    `document_type: ${type} is not accepted here (accepted: ${accepted.join(', ')})`,
  elementNotNeeded: (element: string, type: string, needed: string[]) =>
    `element: ${element} is not needed for ${type} (it needs ${needed.join(', ')})`,
  badImageData: 'data: is not base64 or a data: URI of an image',
  imageTooLarge: (max: number) => `data: the image is larger than ${Math.round(max / 1024 / 1024)} MB`,
  imageTypeNotAccepted: (found: string, element: string) =>
    `data: the file is ${found}; ${element === 'SELFIE' ? 'a selfie must be a JPEG, PNG, WebP or HEIC photo' : 'send a JPEG, PNG, WebP, HEIC photo or a PDF'}`,
  missingElement: (type: string, element: string) => `needs the ${element} of the ${type}`,
  noDocumentChosen: 'needs a document: upload its images',
  uploadNotFound: (id: string) => `This form has no upload ${id}`,
} as const;
