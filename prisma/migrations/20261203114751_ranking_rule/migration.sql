-- AlterTable
ALTER TABLE "Meeting" ADD COLUMN "rankingRule" TEXT NOT NULL DEFAULT '{"abstainCounts":true,"rankBy":"score"}';
