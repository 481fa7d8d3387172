import { randomBytes } from "node:crypto";
import type { Db } from "./db";

export const CHAIR_TOKEN_KEY = "chairToken";

/**
 * The chair/organiser token: CHAIR_TOKEN when set, otherwise generated once and kept in
 * the database so printed links stay valid across restarts.
 */
export async function ensureChairToken(db: Db, fromEnv: string | undefined): Promise<string> {
  if (fromEnv) return fromEnv;
  const existing = await db.setting.findUnique({ where: { key: CHAIR_TOKEN_KEY } });
  if (existing) return existing.value;
  const token = randomBytes(18).toString("base64url");
  try {
    await db.setting.create({ data: { key: CHAIR_TOKEN_KEY, value: token } });
    return token;
  } catch (error) {
    // Another instance on the same PostgreSQL database made one first: use that one.
    const made = await db.setting.findUnique({ where: { key: CHAIR_TOKEN_KEY } });
    if (made) return made.value;
    throw error;
  }
}
