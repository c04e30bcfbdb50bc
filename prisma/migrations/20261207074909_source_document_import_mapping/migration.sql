-- The reader's corrections to how a document is read (lib/import/mapping.ts), kept with the document
-- so that the next version is imported the same way.
ALTER TABLE "SourceDocument" ADD COLUMN "importMapping" JSONB;
