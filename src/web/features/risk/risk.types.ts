import type { z } from 'zod';
import type { Json } from '../../../shared/json';
import type { assessmentCreated, assessmentOut, instrumentListItem, instrumentOut, riskSummaryOut } from '../../../shared/risk.api';

/** Shapes of the risk assessment, derived from the shared schemas (src/shared/risk.api.ts). Days are `YYYY-MM-DD`; instants ISO strings. */
export type InstrumentSummary = Json<z.output<typeof instrumentListItem>>;
export type InstrumentDetail = Json<z.output<typeof instrumentOut>>;
export type Assessment = Json<z.output<typeof assessmentOut>>;
export type AssessmentCreated = Json<z.output<typeof assessmentCreated>>;
export type RiskSummary = Json<z.output<typeof riskSummaryOut>>;
/** The assessments of a case, the oldest first. */
export type RiskHistory = RiskSummary['history'];
