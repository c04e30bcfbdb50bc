-- AlterEnum
ALTER TYPE "EvidenceKind" ADD VALUE 'VENDOR_REPORT';
