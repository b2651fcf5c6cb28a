/** Messages of the HTTP edge (auth, parsing, routing), shared with the tests that assert them. */
export const HttpMsg = {
  missingApiKey: 'No API key: send it in the "apikey" header or the "apikey" query parameter',
  invalidApiKey: 'The API key is not valid for this sandbox',
  expiredApiKey: 'The API key has expired',
  requestKeyOnApi: 'This is a customer-request key: it only opens its own request in the collection form, not the /4.0 API',
  collectKeyOutOfScope: (profileId: string) => `This collect key is not allowed to access profile ${profileId}`,
  collectKeyRoute: 'A collect key can only be used on /4.0/profiles/{profile_id}/… of the profiles it was issued for',
  masterKeyRequired: 'The sandbox control API needs a workspace master API key in the "apikey" header',
  unknownRoute: (method: string, path: string) => `No route ${method} ${path}. See /docs for every operation the sandbox supports`,
  malformedJson: (detail: string) => `The request body is not valid JSON: ${detail}`,
  bodyNotObject: 'The request body must be a JSON object',
  tooDeep: (max: number) => `The request body nests deeper than ${max} levels`,
  forbiddenKey: (key: string) => `The request body contains the key "${key}", which is not allowed`,
  bodyTooLarge: (limit: number) => `The request body is larger than the limit of ${limit} bytes`,
  unsupportedMediaType: (type?: string) =>
    type ? `Content-Type ${type} is not supported here; send application/json` : 'The request has a body but no Content-Type; send Content-Type: application/json',
  bodyRequired: 'This operation needs a JSON body: send one with Content-Type: application/json',
  invalidInput: (first: string, more: number) => `Invalid input: ${first}${more > 0 ? ` (and ${more} more problem${more > 1 ? 's' : ''})` : ''}`,
  storageFailure: (detail: string) => `The sandbox could not save the change: ${detail}. Nothing was changed.`,
  internal: 'The sandbox hit an unexpected error; nothing was changed. The server log has the details.',
  headersTooLarge: 'The request line and headers are larger than 16 KB; send a shorter path, query or headers',
  notHttp: (code: string) => `The request is not valid HTTP (${code}): check the request line, the header names and values, and the body framing`,
  unreadableRequest: (detail: string) =>
    `The request cannot be read (${detail}): send a Host header with a valid host name and a path of plain slashes`,
} as const;
