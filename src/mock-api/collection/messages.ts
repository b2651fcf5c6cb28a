/** Messages of the collection back end's edge (keys), shared with the tests. */
export const CollectionMsg = {
  missingKey: 'No API key: send the customer request\'s apikey in the "apikey" header or query parameter',
  unknownKey: 'The apikey is not a key of this sandbox',
  expiredKey: 'The apikey has expired',
  notARequestKey: 'The collection API takes a customer request\'s apikey (from POST /4.0/forms/profile/{id}/customer_request), not a workspace or collect key',
  otherRequest: 'This apikey belongs to another customer request',
} as const;
