/**
 * Small PNG pictures the control API's `complete` uploads for document elements: a card
 * front, a card back and a face, each a few hundred bytes, real PNGs (they pass the same
 * content checks as a customer's photos). Generated once; the sandbox never makes images.
 */
export const SAMPLE_IMAGES = {
  FRONT: 'iVBORw0KGgoAAAANSUhEUgAAADAAAAAeCAIAAADlxgqWAAAAUElEQVR42mPYdeXDoEIMow4addCwdtCJVdMIolEHkeIgG5soqqDh66DRNDTqoIFM1CPDQaNpaNRBow4abTFS20FRUXkDgoaOg0bT0KiDyEAA+GqtFQl2f6gAAAAASUVORK5CYII=',
  BACK: 'iVBORw0KGgoAAAANSUhEUgAAADAAAAAeCAIAAADlxgqWAAAAQklEQVR42u3UMQ0AIAxFwcpBEyJQzMSEDGS0Jdc8ATf8NPa5pQqgdqBR7ICA/gP5Q0BAQECdQHOulPqAbAgICCihBziz+WYa3gZrAAAAAElFTkSuQmCC',
  SELFIE: 'iVBORw0KGgoAAAANSUhEUgAAAB4AAAAeCAIAAAC0Ujn1AAAAVUlEQVR42mN4/fohjRDDqNFkGP1gyzRMRAWjsZpLjOkMZJtL0HQGSszFb/pAGE2kuXhMHzV61OgRZfTQzOi0LfloW17TtpYZlNWuUdQCGqFRo+lnNACF9B+mh3SZyAAAAABJRU5ErkJggg==',
} as const;
