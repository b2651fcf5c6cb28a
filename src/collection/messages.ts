import { CrMsg } from '../domain/customer-requests/messages.js';

/**
 * Everything the customer reads in the collection app, in one place so the pages, the
 * browser script and the tests use the same sentences. The two end-page sentences are the
 * back end's own (CONTRACT §8).
 */
export const UiMsg = {
  submitted: CrMsg.submitted,
  expired: CrMsg.requestExpired,
  expiredHint: 'If you still need to send us your information, ask us for a new link.',
  invalidLink: 'This link is not valid.',
  invalidLinkHint: 'Open the link in the most recent email we sent you, or ask us for a new one.',
  incompleteLink: 'This link is incomplete.',
  incompleteLinkHint: 'Open the whole link from the email we sent you. If you reloaded this page, open the link from the email again.',
  notEmbedded: 'Open this form from the link we sent you.',
  loading: 'Loading your form…',
  waitingTitle: 'Checking your details',
  waitingBody: 'This usually takes a few seconds. Keep this page open: the next step appears here when it is ready.',
  redirecting: 'Taking you back…',
  continueLink: 'Continue',
  errorSummaryTitle: 'There is a problem',
  network: 'Something went wrong and your answers were not sent. Check your connection and try again.',
  tryAgain: 'Try again',
  continue: 'Continue',
  finish: 'Finish',
  optional: '(optional)',
  chooseFile: 'Choose a photo',
  chooseFileOrPdf: 'Choose a photo or PDF',
  replace: 'Replace',
  remove: 'Remove',
  uploading: 'Uploading…',
  uploaded: 'Uploaded',
  uploadedEarlier: 'Uploaded earlier',
  removed: 'Removed',
  fileTooBig: (mb: number) => `The selected file must be smaller than ${mb} MB`,
  fileEmpty: 'The selected file is empty',
  fileNotPhoto: 'The selected file must be a JPG, PNG, WebP or HEIC photo',
  fileNotPhotoOrPdf: 'The selected file must be a JPG, PNG, WebP or HEIC photo, or a PDF',
  uploadFailed: 'The file could not be uploaded. Try again.',
  photoHint: (mb: number) => `A clear photo: JPG, PNG, WebP or HEIC, up to ${mb} MB.`,
  photoOrPdfHint: (mb: number) => `A clear photo or a scan: JPG, PNG, WebP, HEIC or PDF, up to ${mb} MB.`,
  chooseDocument: 'Which document will you use?',
  dateHint: 'For example, 27 3 1985',
  datePicker: 'Or pick it from a calendar',
  selectCountry: 'Select a country',
  selectOption: 'Select an option',
  yes: 'Yes',
  no: 'No',
  addressStreetMissing: 'Enter the street',
  addressTownMissing: 'Enter the town or city',
  addressCountryMissing: 'Select the country',
  step: (n: number, total: number) => `Step ${n} of ${total}`,
} as const;

/** The labels of the parts of an address (PassFort's structured address fields). */
export const ADDRESS_PARTS = [
  { key: 'premise', label: 'Flat, apartment or building name', optional: true, autocomplete: 'address-line1' },
  { key: 'street_number', label: 'House number', optional: true, autocomplete: null },
  { key: 'route', label: 'Street', optional: false, autocomplete: 'address-line2' },
  { key: 'postal_town', label: 'Town or city', optional: false, autocomplete: 'address-level2' },
  { key: 'state_province', label: 'County, state or province', optional: true, autocomplete: 'address-level1' },
  { key: 'postal_code', label: 'Postcode or ZIP code', optional: true, autocomplete: 'postal-code' },
] as const;
