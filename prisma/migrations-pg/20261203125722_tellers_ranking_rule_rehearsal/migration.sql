-- AlterTable
ALTER TABLE "Meeting" ADD COLUMN     "rankingRule" TEXT NOT NULL DEFAULT '{"abstainCounts":true,"rankBy":"score"}';

-- AlterTable
ALTER TABLE "PaperRound" ADD COLUMN     "issuedA" INTEGER,
ADD COLUMN     "issuedB" INTEGER,
ADD COLUMN     "returnedA" INTEGER,
ADD COLUMN     "returnedB" INTEGER;

-- CreateTable
CREATE TABLE "PaperEvent" (
    "id" TEXT NOT NULL,
    "meetingId" TEXT NOT NULL,
    "roundNumber" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "ballotNo" INTEGER,
    "detail" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PaperEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Rehearsal" (
    "meetingId" TEXT NOT NULL,
    "savedLive" TEXT NOT NULL,
    "savedOrder" TEXT NOT NULL,
    "savedComments" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Rehearsal_pkey" PRIMARY KEY ("meetingId")
);

-- CreateIndex
CREATE INDEX "PaperEvent_meetingId_at_idx" ON "PaperEvent"("meetingId", "at");

-- AddForeignKey
ALTER TABLE "PaperEvent" ADD CONSTRAINT "PaperEvent_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Rehearsal" ADD CONSTRAINT "Rehearsal_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;
