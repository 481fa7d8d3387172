-- CreateTable
CREATE TABLE "Rehearsal" (
    "meetingId" TEXT NOT NULL PRIMARY KEY,
    "savedLive" TEXT NOT NULL,
    "savedOrder" TEXT NOT NULL,
    "savedComments" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Rehearsal_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
