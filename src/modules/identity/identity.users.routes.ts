import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../../platform/access';
import * as dto from './identity.dto';
import { presentAdminUser, presentToken } from './identity.present';
import type { IdentityService } from './identity.service';

/** Admin user management and personal API tokens. */
export function userRoutes(app: FastifyInstance, identity: IdentityService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const users = ['users'];
  const noStore = { 'Cache-Control': 'no-store' };

  r.get(
    '/api/users',
    {
      schema: {
        tags: users,
        summary: 'Users, newest first (admin); filter by role or text, page with ?cursor=<next_cursor>',
        querystring: dto.UsersQuery,
        response: { 200: dto.UserPage },
      },
    },
    async (req, reply) => {
      const page = await identity.listUsers(requireUser(req), req.query);
      reply.headers(noStore);
      return { items: page.items.map(presentAdminUser), next_cursor: page.nextCursor };
    },
  );

  r.get(
    '/api/roles',
    {
      schema: {
        tags: users,
        summary: 'Every role with the kind of scope it takes and what that scope looks like (admin)',
        response: { 200: z.array(dto.RoleInfo) },
      },
    },
    async (req, reply) => {
      const roles = identity.listRoles(requireUser(req));
      reply.headers(noStore);
      return roles;
    },
  );

  r.get(
    '/api/users/:id',
    { schema: { tags: users, summary: 'One user (admin)', params: dto.UserIdParams, response: { 200: dto.AdminUser } } },
    async (req, reply) => {
      reply.headers(noStore);
      return presentAdminUser(await identity.getUser(requireUser(req), req.params.id));
    },
  );

  r.post(
    '/api/users',
    {
      schema: {
        tags: users,
        summary: 'Create a user (admin); area roles need an existing region scope',
        body: dto.CreateUserBody,
        response: { 201: dto.AdminUser },
      },
    },
    async (req, reply) => {
      const actor = requireUser(req);
      const b = req.body;
      const created = await identity.createUserAsAdmin(
        actor,
        { email: b.email, password: b.password, role: b.role, scope: b.scope, displayName: b.display_name },
        String(req.id),
      );
      return reply.code(201).send(presentAdminUser(created));
    },
  );

  r.patch(
    '/api/users/:id',
    {
      schema: {
        tags: users,
        summary: 'Change role, scope, display name, disabled or password (admin)',
        params: dto.UserIdParams,
        body: dto.PatchUserBody,
        response: { 200: dto.AdminUser },
      },
    },
    async (req) => {
      const b = req.body;
      const u = await identity.updateUser(
        requireUser(req),
        req.params.id,
        { role: b.role, scope: b.scope, disabled: b.disabled, displayName: b.display_name, password: b.password },
        String(req.id),
      );
      return presentAdminUser(u);
    },
  );

  r.post(
    '/api/users/:id/tokens',
    {
      schema: {
        tags: users,
        summary: 'Issue an API token for a user (admin); the token is shown once',
        params: dto.UserIdParams,
        body: dto.CreateTokenBody,
        response: { 201: dto.TokenCreated },
      },
    },
    async (req, reply) => {
      const t = await identity.createTokenFor(
        requireUser(req),
        req.params.id,
        { name: req.body.name, expiresInDays: req.body.expires_in_days },
        String(req.id),
      );
      return reply
        .code(201)
        .headers(noStore)
        .send({ ...presentToken(t.row), token: t.token });
    },
  );

  r.get(
    '/api/me/tokens',
    { schema: { tags: users, summary: 'Your own API tokens (prefix only, never the secret)', response: { 200: z.array(dto.TokenInfo) } } },
    async (req, reply) => {
      reply.headers(noStore);
      return (await identity.listOwnTokens(requireUser(req))).map(presentToken);
    },
  );

  r.post(
    '/api/me/tokens',
    {
      schema: {
        tags: users,
        summary: 'Issue yourself an API token (from a browser session); shown once',
        body: dto.CreateTokenBody,
        response: { 201: dto.TokenCreated },
      },
    },
    async (req, reply) => {
      const t = await identity.createOwnToken(
        requireUser(req),
        { name: req.body.name, expiresInDays: req.body.expires_in_days },
        String(req.id),
      );
      return reply
        .code(201)
        .headers(noStore)
        .send({ ...presentToken(t.row), token: t.token });
    },
  );

  r.delete(
    '/api/tokens/:id',
    {
      schema: {
        tags: users,
        summary: 'Revoke an API token (admin: any; others: their own)',
        params: dto.TokenIdParams,
        response: { 200: dto.TokenInfo },
      },
    },
    async (req) => presentToken(await identity.revokeToken(requireUser(req), req.params.id, String(req.id))),
  );
}
