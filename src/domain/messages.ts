/**
 * Every message a client can get from the domain, in one place so tests import the same
 * text they assert on. Functions take the details that make a message precise.
 */
export const Msg = {
  profileNotFound: (id: string) => `Profile ${id} does not exist in this workspace`,
  roleEntityMismatch: (role: string, entityType: string) =>
    `role ${role} is for ${role.startsWith('INDIVIDUAL') ? 'INDIVIDUAL' : 'COMPANY'} profiles but collected_data.entity_type is ${entityType}`,
  entityTypeChange: (from: string, to: string) =>
    `collected_data.entity_type cannot change from ${from} to ${to}; create a new profile instead`,
  etagMismatch: (sent: string, current: string) =>
    `If-Match ${sent} does not match the current version ${current}: the collected data changed since you read it. The current data is in this response; merge and retry with its ETag.`,
  tagNotFound: (id: string) => `Tag ${id} is not on this profile`,
  tagNameEmpty: 'name: a tag name must not be empty',
  statusUnchanged: (status: string) => `The profile status is already ${status}`,
  // --- products and applications ---
  unknownProductAlias: (alias: string, known: string) => `product.alias: no product has the alias "${alias}". Products of this workspace: ${known}`,
  unknownProductId: (id: string, known: string) => `product.id: no product has the id ${id}. Products of this workspace: ${known}`,
  productRefMissing: 'product: give the product\'s alias or id, e.g. {"product": {"alias": "personal_account"}}',
  productAliasIdMismatch: (alias: string, id: string) => `product: the alias "${alias}" and the id ${id} name different products`,
  productWrongEntity: (alias: string, productEntity: string, profileEntity: string) =>
    `Product "${alias}" is for ${productEntity} profiles; this profile is ${profileEntity}`,
  applicationNotFound: (id: string, profileId: string) => `Application ${id} does not exist on profile ${profileId}`,
  applicationExists: (alias: string, id: string, status: string) =>
    `The profile already has an open application for "${alias}" (${id}, ${status}); a new one can be added once it is REJECTED or CANCELLED`,
  applicationHidden: (id: string) => `Application ${id} was replaced when its decision was reverted; use the new application`,
  applicationIllegalTransition: (from: string, to: string, allowed: readonly string[]) =>
    `status: an application cannot go from ${from} to ${to}; from ${from} it can go to ${allowed.length ? allowed.join(' or ') : 'nothing (it is final; use revert_decision)'}`,
  approvalBlocked: (types: string[]) =>
    `status: the application cannot be approved while it has approval blockers (${[...new Set(types)].join(', ')}); see approval_blockers in info`,
  revertNotDecided: (status: string) => `Only a REJECTED or CANCELLED application can have its decision reverted; this one is ${status}`,
  // --- tasks ---
  taskNotFound: (id: string, profileId: string) => `Task ${id} does not exist on profile ${profileId}`,
  taskTypeMissing: 'type: give the task type (or a variant with its id)',
  unknownTaskType: (type: string) => `type: ${type} is not a PassFort task type`,
  unknownTaskVariant: (id: string) => `variant.id: no configured task variant has the id ${id}`,
  taskTypeVariantMismatch: (type: string, variantType: string) => `type: ${type} does not match the variant's task type ${variantType}`,
  taskTypeWrongEntity: (type: string, entity: string) => `type: ${type} is not a task for ${entity} profiles`,
  taskAlreadyActive: (type: string, id: string) => `The profile already has an active ${type} task (${id})`,
  taskStateConflict: (state: string, isComplete: boolean) => `state ${state} and is_complete ${isComplete} contradict each other; send one of them`,
  taskIllegalTransition: (from: string, to: string) =>
    `state: a task cannot go from ${from} to ${to}; reopen it first (state INCOMPLETE), then complete it with the other outcome`,
  taskNotActive: (id: string, why: string) => `Task ${id} is ${why}: it is kept as history and cannot change; use its current version`,
  expiryReasonsMissing: 'reason_categories: give at least one of DOCUMENT_EXPIRY, APPLICATION_ANNIVERSARY, OTHER',
  expiryInPast: (at: string, now: string) => `expire_at: ${at} is not in the future (workspace time is ${now})`,
  noteTextEmpty: 'text: a note needs some text',
  noteNotFound: (id: string, taskId: string) => `Note ${id} does not exist on task ${taskId}`,
  // --- checks ---
  unknownCheckType: (type: string) => `check_type: ${type} is not a check type the sandbox runs (see CheckType in /openapi.json)`,
  checkWrongEntity: (type: string, needs: string, is: string) => `check_type: ${type} runs on ${needs} profiles; this profile is ${is}`,
  unknownCheckVariant: (type: string, id: string, known: string) => `variant.id: ${id} is not a variant of ${type}; the sandbox's variant is ${known}`,
  unknownCheckVariantAlias: (type: string, alias: string, known: string) => `variant.alias: "${alias}" is not a variant of ${type}; the sandbox's is "${known}"`,
  checkInputMissing: (type: string, field: string) => `${field}: ${type} needs ${field}`,
  documentNotOnProfile: (id: string, profileId: string) => `document_id: no document ${id} in the collected data of profile ${profileId}`,
  checkNotFound: (id: string, profileId: string) => `Check ${id} does not exist on profile ${profileId}`,
  checkNotOnProfile: (id: string, profileId: string) => `Check ${id} does not exist on profile ${profileId}`,
  checkNotComplete: (id: string, state: string) => `Check ${id} is ${state}: only a COMPLETE check can be approved or rejected`,
  checkImmutable: (field: string) => `${field}: checks cannot be changed once instructed; only task_ids can be updated`,
  // --- events ---
  eventNotFound: (id: string, profileId: string) => `Event ${id} does not exist on profile ${profileId}`,
  unknownEventType: (type: string) => `data.event_type: ${type} cannot be created through the API; use PEP_FLAG, SANCTION_FLAG, ADVERSE_MEDIA_FLAG or REFER_FLAG`,
  createdTaskNeedsTasks: 'resolution_task_ids: resolution CREATED_TASK needs the ids of the tasks created',
  bulkUpdateEmpty: 'The body must be a non-empty array of events with their id and resolution',
  eventTwiceInBulk: (id: string) => `Event ${id} appears twice in the same bulk update`,
  // --- documents and files ---
  badDataUri: 'not a valid data URI; expected data:<media type>;base64,<data>',
  dataUriNotBase64: 'the data URI must be base64-encoded (data:<media type>;base64,…)',
  uploadTypeNotAccepted: (type: string) => `a ${type} data URI is not accepted here; send an image (image/jpeg, image/png, …) or a PDF`,
  uploadEmpty: 'the data is empty',
  badBase64: (bad: { at: number; char: string } | null) =>
    `not valid base64${bad ? `: unexpected character ${JSON.stringify(bad.char)} at position ${bad.at}` : ' (wrong length or padding)'}; send base64 or a data URI`,
  uploadTooLarge: (bytes: number, limit: number) => `the decoded data is ${bytes} bytes, more than the limit of ${limit} bytes`,
  imageNotFound: (id: string, profileId: string) => `Document image ${id} does not exist on profile ${profileId}`,
  imageNeedsIdOrData: 'an image needs the id of an uploaded document image, or its data (base64) to upload it',
  imageTypeMissing: 'image_type: an image sent with data needs its image_type (FRONT, BACK or FACE)',
  documentExists: (id: string) => `id: the collected data already has a document ${id}`,
  fileNotFound: (id: string, profileId: string) => `File ${id} does not exist on profile ${profileId}`,
  // --- collect keys and search ---
  collectKeyNoProfiles: 'profile_ids: give at least one profile id',
  collectKeyTooMany: (max: number) => `profile_ids: a collect key covers at most ${max} profiles`,
  companyQueryTooShort: 'query: type at least 2 characters of the company name or number',
  addressQueryEmpty: 'address: type part of the address to search for',
  addressIdUnknown: (id: string) => `id: ${id} is not an address id from /address/search`,
  addressCountryMismatch: (sent: string, actual: string) => `country_code: the address id is for ${actual}, not ${sent}`,
} as const;
