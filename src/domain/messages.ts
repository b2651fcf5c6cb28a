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
} as const;
