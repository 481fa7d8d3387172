-- AlterTable
ALTER TABLE "Meeting" ADD COLUMN     "copiedFromId" TEXT;

-- CreateTable
CREATE TABLE "RecordEntry" (
    "meetingId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "chainId" TEXT NOT NULL,
    "at" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "data" TEXT NOT NULL,
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "RecordEntry_pkey" PRIMARY KEY ("meetingId","seq")
);

-- CreateTable
CREATE TABLE "Rectification" (
    "commentId" TEXT NOT NULL,
    "meetingId" TEXT NOT NULL,
    "measures" TEXT NOT NULL DEFAULT '',
    "owner" TEXT NOT NULL DEFAULT '',
    "dueDate" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'not_started',
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Rectification_pkey" PRIMARY KEY ("commentId")
);

-- CreateTable
CREATE TABLE "RectificationNote" (
    "id" TEXT NOT NULL,
    "commentId" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RectificationNote_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Rectification_meetingId_idx" ON "Rectification"("meetingId");

-- CreateIndex
CREATE INDEX "RectificationNote_commentId_idx" ON "RectificationNote"("commentId");

-- AddForeignKey
ALTER TABLE "RecordEntry" ADD CONSTRAINT "RecordEntry_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Rectification" ADD CONSTRAINT "Rectification_commentId_fkey" FOREIGN KEY ("commentId") REFERENCES "Comment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Rectification" ADD CONSTRAINT "Rectification_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RectificationNote" ADD CONSTRAINT "RectificationNote_commentId_fkey" FOREIGN KEY ("commentId") REFERENCES "Rectification"("commentId") ON DELETE CASCADE ON UPDATE CASCADE;
