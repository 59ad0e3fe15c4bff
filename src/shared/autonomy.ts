/**
 * Codes of the autonomy module (issue 14; docs/autonomy.md): funded
 * programmes (the model: Cremona's L.I.A. 2), personalised autonomy
 * projects with budgets, caps and an approval chain, their work, housing,
 * conciliation and economic actions, expenses, follow-ups after the end,
 * and the Reddito di libertà. Isomorphic: imports nothing. Labels:
 * autonomy.labels.ts.
 *
 * A programme's own structure — its areas, axes, priorities, expense
 * categories and caps — is data the coordinator loads (`ProgrammeFrame` in
 * autonomy.api.ts), never a constant here: a region's next call renames
 * an axis or changes a cap without a release.
 */

/** A programme: drafted by the coordinator, running while projects may spend, closed when its reporting is done. */
export const programmeStates = ['bozza', 'attivo', 'chiuso'] as const;
export type ProgrammeState = (typeof programmeStates)[number];
/**
 * Where a programme's state may go (any other change is 409
 * `autonomy_programme_state`): a draft starts running, or is closed
 * without ever running; a running programme is closed; a closed one is
 * reopened to correct its reporting. Never back to a draft once it ran:
 * referrals and projects were taken while it was active. Keeping the
 * state is always allowed (a form sending it unchanged).
 */
export const programmeTransitions: Record<ProgrammeState, readonly ProgrammeState[]> = {
  bozza: ['attivo', 'chiuso'],
  attivo: ['chiuso'],
  chiuso: ['attivo'],
};
export const programmeStateMayChange = (from: ProgrammeState, to: ProgrammeState) => from === to || programmeTransitions[from].includes(to);

/** A partner's part in a programme: the capofila (runs axis I, approves spending) or a partner managing its own share (the CAV). */
export const partnerRoles = ['capofila', 'partner'] as const;
export type PartnerRole = (typeof partnerRoles)[number];

/**
 * What an expected result counts, so that its actual value comes from the
 * recorded data: personalised paths started (projects approved or later),
 * agreements signed with a housing or work body, sessions of the
 * empowerment workshop and its participants, training meetings for
 * operators; `manuale` when nothing recorded can count it (the
 * coordinator enters the actual value).
 */
export const resultMeasures = ['percorsi', 'accordi', 'laboratorio_sessioni', 'laboratorio_partecipanti', 'incontri_formativi', 'manuale'] as const;
export type ResultMeasure = (typeof resultMeasures)[number];

/**
 * The équipe multidisciplinare territoriale's decision on a woman referred
 * to the programme (seed: it receives the referrals and assesses whether
 * she enters). A woman not admitted is counted with the reason.
 */
export const intakeStates = ['segnalata', 'ammessa', 'non_ammessa', 'ritirata'] as const;
export type IntakeState = (typeof intakeStates)[number];
export const intakeRefusalReasons = ['non_pronta', 'requisiti_mancanti', 'altra_misura_piu_adatta', 'rinuncia', 'fondi_esauriti', 'altro'] as const;
export type IntakeRefusalReason = (typeof intakeRefusalReasons)[number];

/**
 * The life of a personalised project: drafted by the micro-équipe
 * (coordinated by the referring organisation), proposed, validated by the
 * équipe multidisciplinare territoriale, approved by the capofila when it
 * spends programme money, run, then concluded or interrupted.
 */
export const projectStates = ['bozza', 'proposta', 'validata', 'approvata', 'in_corso', 'conclusa', 'interrotta'] as const;
export type ProjectState = (typeof projectStates)[number];

/**
 * The moves of the approval chain, each by its role (docs/autonomy.md):
 * `proponi` bozza → proposta (the referring organisation); `valida`
 * proposta → validata and `rimanda` proposta → bozza (the équipe);
 * `approva` validata → approvata and `rimanda` validata → bozza (the
 * capofila); `avvia` approvata → in_corso (or validata → in_corso when the
 * project spends no programme money); `concludi` in_corso → conclusa;
 * `interrompi` any open state → interrotta. `rimanda` and `interrompi`
 * need a reason.
 */
export const projectMoves = ['proponi', 'valida', 'approva', 'rimanda', 'avvia', 'concludi', 'interrompi'] as const;
export type ProjectMove = (typeof projectMoves)[number];

export const projectTransitions: Record<ProjectMove, { from: readonly ProjectState[]; to: ProjectState | null }> = {
  proponi: { from: ['bozza'], to: 'proposta' },
  valida: { from: ['proposta'], to: 'validata' },
  approva: { from: ['validata'], to: 'approvata' },
  rimanda: { from: ['proposta', 'validata'], to: 'bozza' },
  avvia: { from: ['validata', 'approvata'], to: 'in_corso' },
  concludi: { from: ['in_corso'], to: 'conclusa' },
  interrompi: { from: ['bozza', 'proposta', 'validata', 'approvata', 'in_corso'], to: 'interrotta' },
};
/** Moves that must say why (sent back, interrupted). */
export const movesNeedingReason: readonly ProjectMove[] = ['rimanda', 'interrompi'];
export const projectMoveReasons = ['budget_da_rivedere', 'obiettivi_da_rivedere', 'documentazione_mancante', 'fuori_programma', 'rinuncia', 'abbandono', 'trasferimento', 'altro'] as const;
export type ProjectMoveReason = (typeof projectMoveReasons)[number];

/** Areas of a project's actions; what a case section shows (a CPI with `work_housing` sees `lavoro` and `abitare`, nothing else). */
export const actionFamilies = ['lavoro', 'abitare', 'conciliazione', 'economica'] as const;
export type ActionFamily = (typeof actionFamilies)[number];

/**
 * Actions of a project, by family. Work: the CPI's first interview (DID,
 * SAP, patto di servizio), skills assessment, tirocinio di inclusione,
 * training course, job placement, self-employment. Housing: search,
 * contract, deposit, a move between housing levels, an application for
 * public or social housing (ALER, preferential category). Conciliation:
 * a service for her children. Economic: another income support used
 * alongside (Assegno di inclusione, Fondo povertà…).
 */
export const actionKinds = {
  lavoro: ['colloquio_cpi', 'bilancio_competenze', 'tirocinio', 'formazione', 'inserimento_lavorativo', 'autoimpiego'],
  abitare: ['ricerca_casa', 'contratto', 'deposito', 'cambio_alloggio', 'domanda_casa_pubblica'],
  conciliazione: ['servizio_figli'],
  economica: ['misura_reddito'],
} as const satisfies Record<ActionFamily, readonly string[]>;
export type ActionKind = (typeof actionKinds)[ActionFamily][number];
export const allActionKinds = Object.values(actionKinds).flat() as ActionKind[];
export const familyOf = (kind: ActionKind): ActionFamily => (Object.keys(actionKinds) as ActionFamily[]).find((f) => (actionKinds[f] as readonly string[]).includes(kind))!;

export const actionStatuses = ['prevista', 'in_corso', 'conclusa', 'annullata'] as const;
export type ActionStatus = (typeof actionStatuses)[number];
/** How an action ended (a tirocinio completed or dropped, a housing application accepted…). */
export const actionOutcomes = ['positivo', 'negativo', 'abbandonato', 'in_attesa', 'non_rilevato'] as const;
export type ActionOutcome = (typeof actionOutcomes)[number];

/** Services for her children that conciliation pays (seed 004, axis III). */
export const childServices = ['trasporto', 'doposcuola', 'mensa_scolastica', 'trasporto_scolastico', 'centri_estivi', 'attivita_ludico_ricreative', 'altro'] as const;
/** Public or social housing: who runs it. */
export const publicHousingKinds = ['aler', 'comunale', 'housing_sociale'] as const;
/** Income supports used alongside a project (the law renames them; `altro` with a name). */
export const incomeMeasures = ['assegno_inclusione', 'fondo_poverta', 'supporto_formazione_lavoro', 'altro'] as const;

/** An expense: committed (impegnata), then paid (pagata), or cancelled. Caps count committed and paid alike. */
export const expenseStates = ['impegnata', 'pagata', 'annullata'] as const;
export type ExpenseState = (typeof expenseStates)[number];

/** Follow-up checks after a project ends (the seed: half the women were not working two years on). */
export const followUpMonths = [6, 12, 24] as const;
export const followUpStates = ['da_fare', 'fatto', 'non_consentito', 'non_raggiungibile'] as const;
export type FollowUpState = (typeof followUpStates)[number];
export const workStatuses = ['occupata_indeterminato', 'occupata_determinato', 'occupata_precaria', 'autonoma', 'in_formazione', 'non_occupata', 'non_rilevato'] as const;
export const housingStatuses = ['casa_propria_o_affitto', 'casa_pubblica', 'soluzione_intermedia', 'ospite', 'struttura', 'senza_casa', 'non_rilevato'] as const;

/** Which project a notice tells of: the first 8 hex digits of its id, upper case (names no one); the inbox and the project page show it too, so a notice can be matched to its row. */
export const projectReference = (projectId: string) => projectId.replace(/-/g, '').slice(0, 8).toUpperCase();
