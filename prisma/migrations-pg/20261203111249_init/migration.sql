-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    CONSTRAINT "Setting_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "Meeting" (
    "id" TEXT NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Meeting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Speaker" (
    "id" TEXT NOT NULL,
    "meetingId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "unit" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "title" TEXT NOT NULL DEFAULT '',
    "mode" TEXT NOT NULL,
    "limitMs" INTEGER,
    "reportText" TEXT NOT NULL DEFAULT '',
    "evaluated" BOOLEAN NOT NULL DEFAULT true,
    "removed" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "Speaker_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Comment" (
    "id" TEXT NOT NULL,
    "meetingId" TEXT NOT NULL,
    "speakerId" TEXT NOT NULL,
    "tag" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Comment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Attachment" (
    "speakerId" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "bytes" BYTEA NOT NULL,
    "html" TEXT,
    "fileContentId" TEXT,
    "fileSize" INTEGER,
    "htmlContentId" TEXT,
    "htmlSize" INTEGER,

    CONSTRAINT "Attachment_pkey" PRIMARY KEY ("speakerId")
);

-- CreateTable
CREATE TABLE "AttachmentChunk" (
    "contentId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "data" BYTEA NOT NULL,

    CONSTRAINT "AttachmentChunk_pkey" PRIMARY KEY ("contentId","seq")
);

-- CreateTable
CREATE TABLE "LotDraw" (
    "id" TEXT NOT NULL,
    "meetingId" TEXT NOT NULL,
    "drawnAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "units" TEXT NOT NULL,

    CONSTRAINT "LotDraw_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Seat" (
    "code" TEXT NOT NULL,
    "meetingId" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "categoryId" TEXT,
    "usedKey" TEXT,

    CONSTRAINT "Seat_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "VoteCounter" (
    "meetingId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "categoryId" TEXT NOT NULL,
    "speakerId" TEXT NOT NULL,
    "levelId" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "VoteCounter_pkey" PRIMARY KEY ("meetingId","source","categoryId","speakerId","levelId")
);

-- CreateTable
CREATE TABLE "BallotTotal" (
    "meetingId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "categoryId" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "BallotTotal_pkey" PRIMARY KEY ("meetingId","source","categoryId")
);

-- CreateTable
CREATE TABLE "PaperRound" (
    "id" TEXT NOT NULL,
    "meetingId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "issued" INTEGER NOT NULL DEFAULT 0,
    "returned" INTEGER NOT NULL DEFAULT 0,
    "status" TEXT NOT NULL DEFAULT 'open',

    CONSTRAINT "PaperRound_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PaperEntry" (
    "id" TEXT NOT NULL,
    "roundId" TEXT NOT NULL,
    "ballotNo" INTEGER NOT NULL,
    "teller" TEXT NOT NULL,
    "marks" TEXT NOT NULL,
    "invalid" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "PaperEntry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Meeting_attendeeCode_key" ON "Meeting"("attendeeCode");

-- CreateIndex
CREATE UNIQUE INDEX "Meeting_displayToken_key" ON "Meeting"("displayToken");

-- CreateIndex
CREATE UNIQUE INDEX "Meeting_tellerToken_key" ON "Meeting"("tellerToken");

-- CreateIndex
CREATE INDEX "Speaker_meetingId_position_idx" ON "Speaker"("meetingId", "position");

-- CreateIndex
CREATE INDEX "Comment_meetingId_speakerId_idx" ON "Comment"("meetingId", "speakerId");

-- CreateIndex
CREATE INDEX "Seat_meetingId_idx" ON "Seat"("meetingId");

-- CreateIndex
CREATE UNIQUE INDEX "PaperRound_meetingId_number_key" ON "PaperRound"("meetingId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "PaperEntry_roundId_ballotNo_teller_key" ON "PaperEntry"("roundId", "ballotNo", "teller");

-- AddForeignKey
ALTER TABLE "Speaker" ADD CONSTRAINT "Speaker_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_speakerId_fkey" FOREIGN KEY ("speakerId") REFERENCES "Speaker"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_speakerId_fkey" FOREIGN KEY ("speakerId") REFERENCES "Speaker"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LotDraw" ADD CONSTRAINT "LotDraw_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Seat" ADD CONSTRAINT "Seat_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VoteCounter" ADD CONSTRAINT "VoteCounter_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BallotTotal" ADD CONSTRAINT "BallotTotal_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PaperRound" ADD CONSTRAINT "PaperRound_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PaperEntry" ADD CONSTRAINT "PaperEntry_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "PaperRound"("id") ON DELETE CASCADE ON UPDATE CASCADE;
