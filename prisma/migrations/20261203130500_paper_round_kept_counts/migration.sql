-- AlterTable
ALTER TABLE "PaperRound" ADD COLUMN "keptInvalid" INTEGER;
ALTER TABLE "PaperRound" ADD COLUMN "keptValid" INTEGER;
