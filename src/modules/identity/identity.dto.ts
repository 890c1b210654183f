import { z } from 'zod';
import { ROLES } from '../../platform/access';

export const LoginBody = z.strictObject({
  email: z.string().min(3).max(254),
  password: z.string().min(1).max(512),
});

export const PublicUser = z.object({
  id: z.string(),
  email: z.string(),
  display_name: z.string(),
  role: z.enum(ROLES),
  scope: z.string().nullable(),
  is_demo: z.boolean(),
});

export const MeResponse = z.object({ user: PublicUser.nullable(), csrf_token: z.string().nullable() });
