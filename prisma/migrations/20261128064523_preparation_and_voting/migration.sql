-- CreateTable
CREATE TABLE "Attachment" (
    "speakerId" TEXT NOT NULL PRIMARY KEY,
    "fileName" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "bytes" BLOB NOT NULL,
    "html" TEXT,
    CONSTRAINT "Attachment_speakerId_fkey" FOREIGN KEY ("speakerId") REFERENCES "Speaker" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LotDraw" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "meetingId" TEXT NOT NULL,
    "drawnAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "units" TEXT NOT NULL,
    CONSTRAINT "LotDraw_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Seat" (
    "code" TEXT NOT NULL PRIMARY KEY,
    "meetingId" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "categoryId" TEXT,
    "usedKey" TEXT,
    CONSTRAINT "Seat_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "VoteCounter" (
    "meetingId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "categoryId" TEXT NOT NULL,
    "speakerId" TEXT NOT NULL,
    "levelId" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    PRIMARY KEY ("meetingId", "source", "categoryId", "speakerId", "levelId"),
    CONSTRAINT "VoteCounter_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "BallotTotal" (
    "meetingId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "categoryId" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    PRIMARY KEY ("meetingId", "source", "categoryId"),
    CONSTRAINT "BallotTotal_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PaperRound" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "meetingId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "issued" INTEGER NOT NULL DEFAULT 0,
    "returned" INTEGER NOT NULL DEFAULT 0,
    "status" TEXT NOT NULL DEFAULT 'open',
    CONSTRAINT "PaperRound_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PaperEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "roundId" TEXT NOT NULL,
    "ballotNo" INTEGER NOT NULL,
    "teller" TEXT NOT NULL,
    "marks" TEXT NOT NULL,
    "invalid" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "PaperEntry_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "PaperRound" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Meeting" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "title" TEXT NOT NULL,
    "date" TEXT NOT NULL DEFAULT '',
    "venue" TEXT NOT NULL DEFAULT '',
    "chairName" TEXT NOT NULL DEFAULT '',
    "guests" TEXT NOT NULL DEFAULT '',
    "reportsTitle" TEXT NOT NULL,
    "reportsText" TEXT NOT NULL DEFAULT '',
    "evaluationTitle" TEXT NOT NULL,
    "evaluationText" TEXT NOT NULL DEFAULT '',
    "closingTitle" TEXT NOT NULL,
    "closingText" TEXT NOT NULL DEFAULT '',
    "closingPoints" TEXT NOT NULL DEFAULT '[]',
    "limitMs" INTEGER NOT NULL DEFAULT 360000,
    "warningMs" INTEGER NOT NULL DEFAULT 60000,
    "ratingLevels" TEXT NOT NULL DEFAULT '[{"id":"good","label":"好","weight":100},{"id":"fair","label":"较好","weight":80},{"id":"average","label":"一般","weight":60},{"id":"poor","label":"差","weight":0}]',
    "voterCategories" TEXT NOT NULL DEFAULT '[]',
    "expectedVoters" INTEGER NOT NULL DEFAULT 0,
    "frozenTally" TEXT,
    "attendeeCode" TEXT NOT NULL,
    "displayToken" TEXT NOT NULL,
    "tellerToken" TEXT,
    "live" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_Meeting" ("attendeeCode", "chairName", "closingPoints", "closingText", "closingTitle", "createdAt", "date", "displayToken", "evaluationText", "evaluationTitle", "guests", "id", "limitMs", "live", "reportsText", "reportsTitle", "title", "venue", "version", "warningMs") SELECT "attendeeCode", "chairName", "closingPoints", "closingText", "closingTitle", "createdAt", "date", "displayToken", "evaluationText", "evaluationTitle", "guests", "id", "limitMs", "live", "reportsText", "reportsTitle", "title", "venue", "version", "warningMs" FROM "Meeting";
DROP TABLE "Meeting";
ALTER TABLE "new_Meeting" RENAME TO "Meeting";
CREATE UNIQUE INDEX "Meeting_attendeeCode_key" ON "Meeting"("attendeeCode");
CREATE UNIQUE INDEX "Meeting_displayToken_key" ON "Meeting"("displayToken");
CREATE UNIQUE INDEX "Meeting_tellerToken_key" ON "Meeting"("tellerToken");
CREATE TABLE "new_Speaker" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "meetingId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "unit" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "title" TEXT NOT NULL DEFAULT '',
    "mode" TEXT NOT NULL,
    "limitMs" INTEGER,
    "reportText" TEXT NOT NULL DEFAULT '',
    "evaluated" BOOLEAN NOT NULL DEFAULT true,
    CONSTRAINT "Speaker_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Speaker" ("id", "limitMs", "meetingId", "mode", "name", "position", "reportText", "title", "unit") SELECT "id", "limitMs", "meetingId", "mode", "name", "position", "reportText", "title", "unit" FROM "Speaker";
DROP TABLE "Speaker";
ALTER TABLE "new_Speaker" RENAME TO "Speaker";
CREATE INDEX "Speaker_meetingId_position_idx" ON "Speaker"("meetingId", "position");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Seat_meetingId_idx" ON "Seat"("meetingId");

-- CreateIndex
CREATE UNIQUE INDEX "PaperRound_meetingId_number_key" ON "PaperRound"("meetingId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "PaperEntry_roundId_ballotNo_teller_key" ON "PaperEntry"("roundId", "ballotNo", "teller");
