import { CreateLabelSchemaBodySchema, UpdateLabelSchemaBodySchema, parseOrThrow } from '@verdict/core';
import type { ListLabelSchemasResponse } from '@verdict/core';
import type { Request, Router } from 'express';
import { requireUser } from '../review/authorize';
import type { Authorizer, Resource } from '../review/authorize';
import type { LabelSchemaService } from '../review/label-schema-service';
import { jsonBody } from './body-parsing';
import type { JsonBodyReader } from './body-parsing';

const schemaResource = (req: Request): Resource => ({ kind: 'label_schema', id: String(req.params.name) });

/**
 * Mounts the label schema routes (DESIGN "Wire shapes for review and evaluation"):
 * - `POST /label-schemas` (body + `overwrite?`) → 201 the schema; 409 when the name exists
 *   without `overwrite`, or when overwriting would invalidate existing labels.
 * - `GET /label-schemas` → `{ label_schemas }` (the built-ins `guidelines`, `expected_facts`,
 *   `expected_response` first, unless overridden); `GET /label-schemas/:name` → the schema.
 * - `PATCH /label-schemas/:name` edits in place; 409 naming the labels a change would break.
 * - `DELETE /label-schemas/:name` → 204; 409 while a session uses it (or for an unchanged built-in).
 * Reads need `label_schemas:read` (reviewers and developers), changes `label_schemas:write`.
 * @example mountLabelSchemaRoutes(router, { authorizer, readBody, labelSchemas })
 */
export function mountLabelSchemaRoutes(
  router: Router,
  context: { authorizer: Authorizer; readBody: JsonBodyReader; labelSchemas: LabelSchemaService },
): void {
  const { authorizer, labelSchemas } = context;
  const body = jsonBody(context.readBody);

  router.post('/label-schemas', requireUser(authorizer, 'label_schemas:write'), body, async (req, res) => {
    const input = parseOrThrow(CreateLabelSchemaBodySchema, req.body, 'label schema');
    res.status(201).json(await labelSchemas.create(input));
  });

  router.get('/label-schemas', requireUser(authorizer, 'label_schemas:read'), async (_req, res) => {
    res.json({ label_schemas: await labelSchemas.list() } satisfies ListLabelSchemasResponse);
  });

  router.get('/label-schemas/:name', requireUser(authorizer, 'label_schemas:read', schemaResource), async (req, res) => {
    res.json(await labelSchemas.get(String(req.params.name)));
  });

  router.patch('/label-schemas/:name', requireUser(authorizer, 'label_schemas:write', schemaResource), body, async (req, res) => {
    const patch = parseOrThrow(UpdateLabelSchemaBodySchema, req.body, 'label schema change');
    res.json(await labelSchemas.update(String(req.params.name), patch));
  });

  router.delete('/label-schemas/:name', requireUser(authorizer, 'label_schemas:write', schemaResource), async (req, res) => {
    await labelSchemas.remove(String(req.params.name));
    res.status(204).end();
  });
}
