/**
 * Collection names inside a workspace. Per-profile collections carry the profile id in
 * their name, so "everything of this profile" is one lookup, not a scan.
 */
export const PROFILES = 'profiles';
export const CUSTOMER_REQUESTS = 'customer_requests';
export const TAG_NAMES = 'tag_names';

export const applicationsOf = (profileId: string) => `applications/${profileId}`;
export const tasksOf = (profileId: string) => `tasks/${profileId}`;
export const checksOf = (profileId: string) => `checks/${profileId}`;
export const eventsOf = (profileId: string) => `events/${profileId}`;
export const documentImagesOf = (profileId: string) => `document_images/${profileId}`;
export const filesOf = (profileId: string) => `files/${profileId}`;
export const auditOf = (profileId: string) => `audit/${profileId}`;
export const notesOf = (profileId: string, taskId: string) => `notes/${profileId}/${taskId}`;
