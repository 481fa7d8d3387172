-- AlterTable
ALTER TABLE "Attachment" ADD COLUMN "fileContentId" TEXT;
ALTER TABLE "Attachment" ADD COLUMN "fileSize" INTEGER;
ALTER TABLE "Attachment" ADD COLUMN "htmlContentId" TEXT;
ALTER TABLE "Attachment" ADD COLUMN "htmlSize" INTEGER;

-- CreateTable
CREATE TABLE "AttachmentChunk" (
    "contentId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "data" BLOB NOT NULL,

    PRIMARY KEY ("contentId", "seq")
);
