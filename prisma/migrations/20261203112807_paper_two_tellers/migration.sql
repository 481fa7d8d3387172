-- AlterTable
ALTER TABLE "PaperRound" ADD COLUMN "issuedA" INTEGER;
ALTER TABLE "PaperRound" ADD COLUMN "issuedB" INTEGER;
ALTER TABLE "PaperRound" ADD COLUMN "returnedA" INTEGER;
ALTER TABLE "PaperRound" ADD COLUMN "returnedB" INTEGER;

-- CreateTable
CREATE TABLE "PaperEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "meetingId" TEXT NOT NULL,
    "roundNumber" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "ballotNo" INTEGER,
    "detail" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    CONSTRAINT "PaperEvent_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "PaperEvent_meetingId_at_idx" ON "PaperEvent"("meetingId", "at");
