import { OpenAPIHono, z } from '@hono/zod-openapi';
import { parseDateTime } from '../../core/dates.js';
import { invalidInput } from '../../core/errors.js';
import { addTask, getTask, listTasks, presentTask, setTaskExpiry, updateTask } from '../../domain/tasks.js';
import { addNote, deleteNote, listNotes, presentNote } from '../../domain/task-notes.js';
import { uuid } from '../../schemas/common.js';
import { addTaskBody, createNoteBody, expiryBody, noteResource, taskResource, updateTaskBody } from '../../schemas/tasks.js';
import type { SandboxEnv } from '../env.js';
import { createRoute, jsonBody, passfortHook } from '../openapi.js';
import { resourceResponse } from '../resource-response.js';
import { profileIdParam } from '../schemas.js';

const tags = ['Tasks'];
const taskParams = profileIdParam.extend({ task_id: uuid });

export const taskRoutes = new OpenAPIHono<SandboxEnv>({ defaultHook: passfortHook })
  .openapi(
    createRoute({
      method: 'get',
      path: '/profiles/{profile_id}/tasks',
      tags,
      summary: "List a profile's tasks, expired versions included (use the one with is_expired: false)",
      request: { params: profileIdParam },
      responses: { 200: resourceResponse(z.array(taskResource), 'The tasks') },
    }),
    (c) => {
      const { profile_id } = c.req.valid('param');
      return c.json(c.get('workspace').read((ctx) => listTasks(ctx, profile_id).map(presentTask)), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/profiles/{profile_id}/tasks',
      tags,
      summary: 'Add a task (by type, or by a configured variant id)',
      request: { params: profileIdParam, body: jsonBody(addTaskBody) },
      responses: { 200: resourceResponse(taskResource, 'The new task') },
    }),
    (c) => {
      const { profile_id } = c.req.valid('param');
      const body = c.req.valid('json');
      const task = c.get('workspace').run((ctx) => addTask(ctx, profile_id, { type: body.type, variant: body.variant }), c.get('actor'));
      return c.json(presentTask(task), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/profiles/{profile_id}/tasks/{task_id}',
      tags,
      summary: 'Get a task',
      request: { params: taskParams },
      responses: { 200: resourceResponse(taskResource, 'The task') },
    }),
    (c) => {
      const { profile_id, task_id } = c.req.valid('param');
      return c.json(presentTask(c.get('workspace').read((ctx) => getTask(ctx, profile_id, task_id))), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/profiles/{profile_id}/tasks/{task_id}',
      tags,
      summary: 'Complete or reopen a task (state, or the older is_complete) and set its check_ids',
      description:
        'INCOMPLETE → COMPLETED_PASS | COMPLETED_FAIL, and back to INCOMPLETE. A completed task is reopened before it takes the other outcome; otherwise 400 code 402.',
      request: { params: taskParams, body: jsonBody(updateTaskBody) },
      responses: { 200: resourceResponse(taskResource, 'The task') },
    }),
    (c) => {
      const { profile_id, task_id } = c.req.valid('param');
      const { state, is_complete, check_ids } = c.req.valid('json');
      const task = c.get('workspace').run((ctx) => updateTask(ctx, profile_id, task_id, { state, is_complete, check_ids }), c.get('actor'));
      return c.json(presentTask(task), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/profiles/{profile_id}/tasks/{task_id}/expiry',
      tags,
      summary: 'Set a custom expiry date (null restores the default); the task expires on the workspace clock',
      request: { params: taskParams, body: jsonBody(expiryBody) },
      responses: { 200: resourceResponse(taskResource, 'The task') },
    }),
    (c) => {
      const { profile_id, task_id } = c.req.valid('param');
      const body = c.req.valid('json');
      const at = body.expire_at === null ? null : parseDateTime(body.expire_at);
      if (at !== null && Number.isNaN(at)) throw invalidInput(`expire_at: ${body.expire_at} is not a real date and time`, { field: 'expire_at' });
      const task = c.get('workspace').run(
        (ctx) =>
          setTaskExpiry(ctx, profile_id, task_id, { expire_at: at, reason_categories: body.reason_categories, reason_description: body.reason_description }),
        c.get('actor'),
      );
      return c.json(presentTask(task), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/profiles/{profile_id}/tasks/{task_id}/notes',
      tags,
      summary: "List a task's notes",
      request: { params: taskParams },
      responses: { 200: resourceResponse(z.array(noteResource), 'The notes') },
    }),
    (c) => {
      const { profile_id, task_id } = c.req.valid('param');
      return c.json(c.get('workspace').read((ctx) => listNotes(ctx, profile_id, task_id).map((n) => presentNote(ctx, profile_id, n))), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/profiles/{profile_id}/tasks/{task_id}/notes',
      tags,
      summary: 'Add a note (attachments are files uploaded with POST …/files)',
      request: { params: taskParams, body: jsonBody(createNoteBody) },
      responses: { 200: resourceResponse(noteResource, 'The note') },
    }),
    (c) => {
      const { profile_id, task_id } = c.req.valid('param');
      const body = c.req.valid('json');
      return c.json(c.get('workspace').run((ctx) => presentNote(ctx, profile_id, addNote(ctx, profile_id, task_id, body)), c.get('actor')), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/profiles/{profile_id}/tasks/{task_id}/notes/{note_id}',
      tags,
      summary: 'Delete a note (the audit log keeps its text)',
      request: { params: taskParams.extend({ note_id: uuid }) },
      responses: { 200: resourceResponse(noteResource, 'The deleted note') },
    }),
    (c) => {
      const { profile_id, task_id, note_id } = c.req.valid('param');
      return c.json(c.get('workspace').run((ctx) => presentNote(ctx, profile_id, deleteNote(ctx, profile_id, task_id, note_id)), c.get('actor')), 200);
    },
  );
