-- Hand-written as ADD COLUMN instead of the engine's table rebuild: rebuilding "Speaker"
-- (DROP TABLE with foreign keys on) would cascade-delete its attachments.
ALTER TABLE "Speaker" ADD COLUMN "removed" BOOLEAN NOT NULL DEFAULT false;
