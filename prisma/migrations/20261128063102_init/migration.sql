-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "Meeting" (
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
    "attendeeCode" TEXT NOT NULL,
    "displayToken" TEXT NOT NULL,
    "live" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Speaker" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "meetingId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "unit" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "title" TEXT NOT NULL DEFAULT '',
    "mode" TEXT NOT NULL,
    "limitMs" INTEGER,
    "reportText" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "Speaker_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Comment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "meetingId" TEXT NOT NULL,
    "speakerId" TEXT NOT NULL,
    "tag" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Comment_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Comment_speakerId_fkey" FOREIGN KEY ("speakerId") REFERENCES "Speaker" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Meeting_attendeeCode_key" ON "Meeting"("attendeeCode");

-- CreateIndex
CREATE UNIQUE INDEX "Meeting_displayToken_key" ON "Meeting"("displayToken");

-- CreateIndex
CREATE INDEX "Speaker_meetingId_position_idx" ON "Speaker"("meetingId", "position");

-- CreateIndex
CREATE INDEX "Comment_meetingId_speakerId_idx" ON "Comment"("meetingId", "speakerId");
