import { OpenAPIHono } from '@hono/zod-openapi';
import { searchCompanies } from '../../domain/company-registry.js';
import { formatAddress, searchAddresses } from '../../domain/address-search.js';
import { addressFormatQuery, addressSearchQuery, addressSearchResults, companySearchQuery, companySearchResults, structuredAddress } from '../../schemas/search.js';
import type { SandboxEnv } from '../env.js';
import { createRoute, passfortHook } from '../openapi.js';
import { resourceResponse } from '../resource-response.js';

export const searchRoutes = new OpenAPIHono<SandboxEnv>({ defaultHook: passfortHook })
  .openapi(
    createRoute({
      method: 'get',
      path: '/search/companies',
      tags: ['Search'],
      summary: "Search companies by name or number: the workspace's company profiles, then a made-up registry (sandbox)",
      request: { query: companySearchQuery },
      responses: { 200: resourceResponse(companySearchResults, 'Matching companies') },
    }),
    (c) => {
      const query = c.req.valid('query');
      const companies = c.get('workspace').read((ctx) => searchCompanies(ctx, query));
      return c.json({ companies, errors: [] }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/address/search',
      tags: ['Address'],
      summary: 'Suggest addresses for what was typed (made up around the query, the same for the same query)',
      request: { query: addressSearchQuery },
      responses: { 200: resourceResponse(addressSearchResults, 'Suggestions') },
    }),
    (c) => c.json(searchAddresses(c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/address/format',
      tags: ['Address'],
      summary: 'Turn a suggestion id from /address/search into a structured address',
      request: { query: addressFormatQuery },
      responses: { 200: resourceResponse(structuredAddress, 'The address') },
    }),
    (c) => c.json(formatAddress(c.req.valid('query')), 200),
  );
