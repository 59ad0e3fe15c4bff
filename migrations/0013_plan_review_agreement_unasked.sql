-- A plan review records her agreement as yes, no, or null when she was not
-- asked: never assumed either way.
ALTER TABLE "plan_reviews" ALTER COLUMN "her_agreement" DROP NOT NULL;