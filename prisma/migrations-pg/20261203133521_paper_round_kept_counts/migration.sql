-- AlterTable
ALTER TABLE "PaperRound" ADD COLUMN     "keptInvalid" INTEGER,
ADD COLUMN     "keptValid" INTEGER;
