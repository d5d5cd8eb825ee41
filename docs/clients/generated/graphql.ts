/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
};

/** A party or government body, group, bureau, enterprise, university … */
export type Department = Entity & {
  __typename?: 'Department';
  aliases: Array<Scalars['String']['output']>;
  /** Bodies that are part of this one (PART_OF). */
  children: Array<Department>;
  description: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  /** Policies this body implements (IMPLEMENTS). */
  implementedPolicies: Array<Policy>;
  kind: Maybe<DepartmentKind>;
  /** Leaders who head (LEADS) or belong to (MEMBER_OF) this body. */
  leaders: Array<Leader>;
  name: Scalars['String']['output'];
  nameEn: Maybe<Scalars['String']['output']>;
  note: Maybe<Scalars['String']['output']>;
  /** Outcomes this body achieved (ACHIEVED). */
  outcomes: Array<Outcome>;
  /** The body this one is part of (PART_OF). */
  parent: Maybe<Department>;
  /** Pilot programs this body runs (RUNS). */
  pilotPrograms: Array<PilotProgram>;
  /** Policies this body issued (ISSUED). */
  policies: Array<Policy>;
  sources: Array<Evidence>;
  /** Bodies that support this one (SUPPORTS). */
  supportedBy: Array<Department>;
  /** Entities whose work this body supports (SUPPORTS). */
  supports: Array<Entity>;
  /** Tasks this body is responsible for (RESPONSIBLE_FOR). */
  tasks: Array<Task>;
};


/** A party or government body, group, bureau, enterprise, university … */
export type DepartmentChildrenArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<DepartmentSort>>;
  where?: InputMaybe<DepartmentWhere>;
};


/** A party or government body, group, bureau, enterprise, university … */
export type DepartmentImplementedPoliciesArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<PolicySort>>;
  where?: InputMaybe<PolicyWhere>;
};


/** A party or government body, group, bureau, enterprise, university … */
export type DepartmentLeadersArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<LeaderSort>>;
  where?: InputMaybe<LeaderWhere>;
};


/** A party or government body, group, bureau, enterprise, university … */
export type DepartmentOutcomesArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<OutcomeSort>>;
  where?: InputMaybe<OutcomeWhere>;
};


/** A party or government body, group, bureau, enterprise, university … */
export type DepartmentPilotProgramsArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<PilotProgramSort>>;
  where?: InputMaybe<PilotProgramWhere>;
};


/** A party or government body, group, bureau, enterprise, university … */
export type DepartmentPoliciesArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<PolicySort>>;
  where?: InputMaybe<PolicyWhere>;
};


/** A party or government body, group, bureau, enterprise, university … */
export type DepartmentSupportedByArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<DepartmentSort>>;
  where?: InputMaybe<DepartmentWhere>;
};


/** A party or government body, group, bureau, enterprise, university … */
export type DepartmentSupportsArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  where?: InputMaybe<EntityWhere>;
};


/** A party or government body, group, bureau, enterprise, university … */
export type DepartmentTasksArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<TaskSort>>;
  where?: InputMaybe<TaskWhere>;
};

export type DepartmentKind =
  /** Bureaus, departments and their units. */
  | 'AGENCY'
  /** Service and operations centres. */
  | 'CENTER'
  /** Districts, towns, sub-districts, grids. */
  | 'COMMUNITY'
  | 'ENTERPRISE'
  /** A government or city as a whole. */
  | 'GOVERNMENT'
  /** Leading groups, special groups, task forces. */
  | 'GROUP'
  | 'MEDIA'
  | 'OTHER'
  /** Party committees and their commissions. */
  | 'PARTY'
  /** Institutes, laboratories, innovation centres, think tanks. */
  | 'RESEARCH'
  | 'UNIVERSITY';

export type DepartmentKindEnumScalarFilters = {
  eq?: InputMaybe<DepartmentKind>;
  in?: InputMaybe<Array<DepartmentKind>>;
};

export type DepartmentRelationshipFilters = {
  all?: InputMaybe<DepartmentWhere>;
  none?: InputMaybe<DepartmentWhere>;
  single?: InputMaybe<DepartmentWhere>;
  some?: InputMaybe<DepartmentWhere>;
};

export type DepartmentSort = {
  id?: InputMaybe<SortDirection>;
  kind?: InputMaybe<SortDirection>;
  name?: InputMaybe<SortDirection>;
  nameEn?: InputMaybe<SortDirection>;
};

export type DepartmentWhere = {
  AND?: InputMaybe<Array<DepartmentWhere>>;
  NOT?: InputMaybe<DepartmentWhere>;
  OR?: InputMaybe<Array<DepartmentWhere>>;
  children?: InputMaybe<DepartmentRelationshipFilters>;
  description?: InputMaybe<StringScalarFilters>;
  id?: InputMaybe<IdScalarFilters>;
  implementedPolicies?: InputMaybe<PolicyRelationshipFilters>;
  kind?: InputMaybe<DepartmentKindEnumScalarFilters>;
  leaders?: InputMaybe<LeaderRelationshipFilters>;
  name?: InputMaybe<StringScalarFilters>;
  nameEn?: InputMaybe<StringScalarFilters>;
  outcomes?: InputMaybe<OutcomeRelationshipFilters>;
  parent?: InputMaybe<DepartmentRelationshipFilters>;
  pilotPrograms?: InputMaybe<PilotProgramRelationshipFilters>;
  policies?: InputMaybe<PolicyRelationshipFilters>;
  supportedBy?: InputMaybe<DepartmentRelationshipFilters>;
  supports?: InputMaybe<EntityRelationshipFilters>;
  tasks?: InputMaybe<TaskRelationshipFilters>;
};

/** A source document. */
export type Document = Entity & {
  __typename?: 'Document';
  aliases: Array<Scalars['String']['output']>;
  /** ISO date, or the most precise part known (YYYY, YYYY-MM). */
  date: Maybe<Scalars['String']['output']>;
  description: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  language: Maybe<Scalars['String']['output']>;
  /** The document's title. */
  name: Scalars['String']['output'];
  nameEn: Maybe<Scalars['String']['output']>;
  /** Number of paragraphs (non-empty lines). */
  paragraphs: Scalars['Int']['output'];
  publisher: Maybe<Scalars['String']['output']>;
  /** Always empty: a document is its own source. */
  sources: Array<Evidence>;
  title: Scalars['String']['output'];
  /** The year the document reports on. */
  year: Maybe<Scalars['Int']['output']>;
};

export type DocumentSort = {
  date?: InputMaybe<SortDirection>;
  id?: InputMaybe<SortDirection>;
  name?: InputMaybe<SortDirection>;
  title?: InputMaybe<SortDirection>;
  year?: InputMaybe<SortDirection>;
};

export type DocumentWhere = {
  AND?: InputMaybe<Array<DocumentWhere>>;
  NOT?: InputMaybe<DocumentWhere>;
  OR?: InputMaybe<Array<DocumentWhere>>;
  id?: InputMaybe<IdScalarFilters>;
  name?: InputMaybe<StringScalarFilters>;
  publisher?: InputMaybe<StringScalarFilters>;
  title?: InputMaybe<StringScalarFilters>;
  year?: InputMaybe<IntScalarFilters>;
};

/** Every thing the graph knows implements Entity. */
export type Entity = {
  /** Other names the source uses for the same thing. */
  aliases: Array<Scalars['String']['output']>;
  /** A short summary in the dataset's own words. */
  description: Maybe<Scalars['String']['output']>;
  /** Stable readable key, `<type>/<slug>`. */
  id: Scalars['ID']['output'];
  /** The name as written in the source (Chinese for the first corpus). */
  name: Scalars['String']['output'];
  /** English gloss of the name. */
  nameEn: Maybe<Scalars['String']['output']>;
  /** Where the source states this entity. */
  sources: Array<Evidence>;
};

export type EntityRelationshipFilters = {
  all?: InputMaybe<EntityWhere>;
  none?: InputMaybe<EntityWhere>;
  single?: InputMaybe<EntityWhere>;
  some?: InputMaybe<EntityWhere>;
};

export type EntityType =
  | 'Department'
  | 'Document'
  | 'Leader'
  | 'Outcome'
  | 'PilotProgram'
  | 'Policy'
  | 'Task';

export type EntityTypeEnumScalarFilters = {
  eq?: InputMaybe<EntityType>;
  in?: InputMaybe<Array<EntityType>>;
};

/** Filter on the fields every entity has, and on its type. */
export type EntityWhere = {
  AND?: InputMaybe<Array<EntityWhere>>;
  NOT?: InputMaybe<EntityWhere>;
  OR?: InputMaybe<Array<EntityWhere>>;
  description?: InputMaybe<StringScalarFilters>;
  id?: InputMaybe<IdScalarFilters>;
  name?: InputMaybe<StringScalarFilters>;
  nameEn?: InputMaybe<StringScalarFilters>;
  type?: InputMaybe<EntityTypeEnumScalarFilters>;
};

/** Provenance: the document, paragraph and words that state a fact. */
export type Evidence = {
  __typename?: 'Evidence';
  document: Document;
  /** 1-based index among the document's non-empty lines. */
  paragraph: Scalars['Int']['output'];
  /** The words of the source that state the fact, verbatim. */
  quote: Scalars['String']['output'];
};

export type FloatScalarFilters = {
  eq?: InputMaybe<Scalars['Float']['input']>;
  gt?: InputMaybe<Scalars['Float']['input']>;
  gte?: InputMaybe<Scalars['Float']['input']>;
  in?: InputMaybe<Array<Scalars['Float']['input']>>;
  lt?: InputMaybe<Scalars['Float']['input']>;
  lte?: InputMaybe<Scalars['Float']['input']>;
};

export type IdScalarFilters = {
  contains?: InputMaybe<Scalars['String']['input']>;
  endsWith?: InputMaybe<Scalars['String']['input']>;
  eq?: InputMaybe<Scalars['ID']['input']>;
  in?: InputMaybe<Array<Scalars['ID']['input']>>;
  startsWith?: InputMaybe<Scalars['String']['input']>;
};

export type IntScalarFilters = {
  eq?: InputMaybe<Scalars['Int']['input']>;
  gt?: InputMaybe<Scalars['Int']['input']>;
  gte?: InputMaybe<Scalars['Int']['input']>;
  in?: InputMaybe<Array<Scalars['Int']['input']>>;
  lt?: InputMaybe<Scalars['Int']['input']>;
  lte?: InputMaybe<Scalars['Int']['input']>;
};

/** A named leader, a role, or a group of leaders. */
export type Leader = Entity & {
  __typename?: 'Leader';
  aliases: Array<Scalars['String']['output']>;
  /** Bodies the leader heads (LEADS) or belongs to (MEMBER_OF). */
  departments: Array<Department>;
  description: Maybe<Scalars['String']['output']>;
  /** For a group of people: how many. */
  headcount: Maybe<Scalars['Int']['output']>;
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  nameEn: Maybe<Scalars['String']['output']>;
  /** Ambiguities or remarks recorded with the fact. */
  note: Maybe<Scalars['String']['output']>;
  /** Outcomes the leader achieved (ACHIEVED). */
  outcomes: Array<Outcome>;
  /** Pilot programs the leader leads (LEADS). */
  pilotPrograms: Array<PilotProgram>;
  /** The role as written (e.g. 领衔市级领导). */
  role: Maybe<Scalars['String']['output']>;
  sources: Array<Evidence>;
  /** Tasks the leader leads (LEADS). */
  tasks: Array<Task>;
};


/** A named leader, a role, or a group of leaders. */
export type LeaderDepartmentsArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<DepartmentSort>>;
  where?: InputMaybe<DepartmentWhere>;
};


/** A named leader, a role, or a group of leaders. */
export type LeaderOutcomesArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<OutcomeSort>>;
  where?: InputMaybe<OutcomeWhere>;
};


/** A named leader, a role, or a group of leaders. */
export type LeaderPilotProgramsArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<PilotProgramSort>>;
  where?: InputMaybe<PilotProgramWhere>;
};


/** A named leader, a role, or a group of leaders. */
export type LeaderTasksArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<TaskSort>>;
  where?: InputMaybe<TaskWhere>;
};

/** Relationship filters: `some` related entity matches, `none` does, `all` do, exactly one (`single`) does. */
export type LeaderRelationshipFilters = {
  all?: InputMaybe<LeaderWhere>;
  none?: InputMaybe<LeaderWhere>;
  single?: InputMaybe<LeaderWhere>;
  some?: InputMaybe<LeaderWhere>;
};

/** Sort keys: give one field per object; several objects sort by several keys in order. */
export type LeaderSort = {
  headcount?: InputMaybe<SortDirection>;
  id?: InputMaybe<SortDirection>;
  name?: InputMaybe<SortDirection>;
  nameEn?: InputMaybe<SortDirection>;
  role?: InputMaybe<SortDirection>;
};

export type LeaderWhere = {
  AND?: InputMaybe<Array<LeaderWhere>>;
  NOT?: InputMaybe<LeaderWhere>;
  OR?: InputMaybe<Array<LeaderWhere>>;
  departments?: InputMaybe<DepartmentRelationshipFilters>;
  description?: InputMaybe<StringScalarFilters>;
  headcount?: InputMaybe<IntScalarFilters>;
  id?: InputMaybe<IdScalarFilters>;
  name?: InputMaybe<StringScalarFilters>;
  nameEn?: InputMaybe<StringScalarFilters>;
  outcomes?: InputMaybe<OutcomeRelationshipFilters>;
  pilotPrograms?: InputMaybe<PilotProgramRelationshipFilters>;
  role?: InputMaybe<StringScalarFilters>;
  tasks?: InputMaybe<TaskRelationshipFilters>;
};

/** An honour, a metric or a milestone. */
export type Outcome = Entity & {
  __typename?: 'Outcome';
  /** Who or what achieved the outcome (ACHIEVED): leaders, departments, tasks, policies, pilots. */
  achievedBy: Array<Entity>;
  aliases: Array<Scalars['String']['output']>;
  description: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  kind: Maybe<OutcomeKind>;
  /** What the number measures. */
  metric: Maybe<Scalars['String']['output']>;
  name: Scalars['String']['output'];
  nameEn: Maybe<Scalars['String']['output']>;
  note: Maybe<Scalars['String']['output']>;
  /** For rankings and “first” claims: the scope (全国, 全省, 黄河流域 …). */
  scope: Maybe<Scalars['String']['output']>;
  sources: Array<Evidence>;
  /** Its unit as written (分钟, 亿元, 万吨, 项 …). */
  unit: Maybe<Scalars['String']['output']>;
  /** The number as stated. */
  value: Maybe<Scalars['Float']['output']>;
  year: Maybe<Scalars['Int']['output']>;
};


/** An honour, a metric or a milestone. */
export type OutcomeAchievedByArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  where?: InputMaybe<EntityWhere>;
};

export type OutcomeKind =
  /** Awards, titles, rankings, “first in …” claims. */
  | 'HONOUR'
  /** A number with its unit. */
  | 'METRIC'
  /** Something done or established. */
  | 'MILESTONE';

export type OutcomeKindEnumScalarFilters = {
  eq?: InputMaybe<OutcomeKind>;
  in?: InputMaybe<Array<OutcomeKind>>;
};

export type OutcomeRelationshipFilters = {
  all?: InputMaybe<OutcomeWhere>;
  none?: InputMaybe<OutcomeWhere>;
  single?: InputMaybe<OutcomeWhere>;
  some?: InputMaybe<OutcomeWhere>;
};

export type OutcomeSort = {
  id?: InputMaybe<SortDirection>;
  kind?: InputMaybe<SortDirection>;
  metric?: InputMaybe<SortDirection>;
  name?: InputMaybe<SortDirection>;
  nameEn?: InputMaybe<SortDirection>;
  scope?: InputMaybe<SortDirection>;
  unit?: InputMaybe<SortDirection>;
  value?: InputMaybe<SortDirection>;
  year?: InputMaybe<SortDirection>;
};

export type OutcomeWhere = {
  AND?: InputMaybe<Array<OutcomeWhere>>;
  NOT?: InputMaybe<OutcomeWhere>;
  OR?: InputMaybe<Array<OutcomeWhere>>;
  achievedBy?: InputMaybe<EntityRelationshipFilters>;
  description?: InputMaybe<StringScalarFilters>;
  id?: InputMaybe<IdScalarFilters>;
  kind?: InputMaybe<OutcomeKindEnumScalarFilters>;
  metric?: InputMaybe<StringScalarFilters>;
  name?: InputMaybe<StringScalarFilters>;
  nameEn?: InputMaybe<StringScalarFilters>;
  scope?: InputMaybe<StringScalarFilters>;
  unit?: InputMaybe<StringScalarFilters>;
  value?: InputMaybe<FloatScalarFilters>;
  year?: InputMaybe<IntScalarFilters>;
};

export type Path = {
  __typename?: 'Path';
  /** Number of relationships. */
  length: Scalars['Int']['output'];
  /** The entities along the path, from `from` to `to`. */
  nodes: Array<Entity>;
  /** The relationships along the path, in order; each keeps its own direction. */
  relationships: Array<Relationship>;
};

export type PilotLevel =
  | 'COUNTY'
  | 'MUNICIPAL'
  | 'NATIONAL'
  | 'PROVINCIAL';

export type PilotLevelEnumScalarFilters = {
  eq?: InputMaybe<PilotLevel>;
  in?: InputMaybe<Array<PilotLevel>>;
};

/** A pilot program or experimental zone. */
export type PilotProgram = Entity & {
  __typename?: 'PilotProgram';
  aliases: Array<Scalars['String']['output']>;
  /** Bodies that run the pilot (RUNS). */
  departments: Array<Department>;
  description: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  /** Leaders who lead the pilot (LEADS). */
  leaders: Array<Leader>;
  level: Maybe<PilotLevel>;
  name: Scalars['String']['output'];
  nameEn: Maybe<Scalars['String']['output']>;
  note: Maybe<Scalars['String']['output']>;
  /** Outcomes the pilot achieved (ACHIEVED). */
  outcomes: Array<Outcome>;
  /** Policies the pilot implements (IMPLEMENTS). */
  policies: Array<Policy>;
  sources: Array<Evidence>;
  status: Maybe<PilotStatus>;
  /** Bodies that support the pilot (SUPPORTS). */
  supportedBy: Array<Department>;
  /** Reform tasks the pilot belongs to (PART_OF). */
  tasks: Array<Task>;
};


/** A pilot program or experimental zone. */
export type PilotProgramDepartmentsArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<DepartmentSort>>;
  where?: InputMaybe<DepartmentWhere>;
};


/** A pilot program or experimental zone. */
export type PilotProgramLeadersArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<LeaderSort>>;
  where?: InputMaybe<LeaderWhere>;
};


/** A pilot program or experimental zone. */
export type PilotProgramOutcomesArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<OutcomeSort>>;
  where?: InputMaybe<OutcomeWhere>;
};


/** A pilot program or experimental zone. */
export type PilotProgramPoliciesArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<PolicySort>>;
  where?: InputMaybe<PolicyWhere>;
};


/** A pilot program or experimental zone. */
export type PilotProgramSupportedByArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<DepartmentSort>>;
  where?: InputMaybe<DepartmentWhere>;
};


/** A pilot program or experimental zone. */
export type PilotProgramTasksArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<TaskSort>>;
  where?: InputMaybe<TaskWhere>;
};

export type PilotProgramRelationshipFilters = {
  all?: InputMaybe<PilotProgramWhere>;
  none?: InputMaybe<PilotProgramWhere>;
  single?: InputMaybe<PilotProgramWhere>;
  some?: InputMaybe<PilotProgramWhere>;
};

export type PilotProgramSort = {
  id?: InputMaybe<SortDirection>;
  level?: InputMaybe<SortDirection>;
  name?: InputMaybe<SortDirection>;
  nameEn?: InputMaybe<SortDirection>;
  status?: InputMaybe<SortDirection>;
};

export type PilotProgramWhere = {
  AND?: InputMaybe<Array<PilotProgramWhere>>;
  NOT?: InputMaybe<PilotProgramWhere>;
  OR?: InputMaybe<Array<PilotProgramWhere>>;
  departments?: InputMaybe<DepartmentRelationshipFilters>;
  description?: InputMaybe<StringScalarFilters>;
  id?: InputMaybe<IdScalarFilters>;
  leaders?: InputMaybe<LeaderRelationshipFilters>;
  level?: InputMaybe<PilotLevelEnumScalarFilters>;
  name?: InputMaybe<StringScalarFilters>;
  nameEn?: InputMaybe<StringScalarFilters>;
  outcomes?: InputMaybe<OutcomeRelationshipFilters>;
  policies?: InputMaybe<PolicyRelationshipFilters>;
  status?: InputMaybe<PilotStatusEnumScalarFilters>;
  supportedBy?: InputMaybe<DepartmentRelationshipFilters>;
  tasks?: InputMaybe<TaskRelationshipFilters>;
};

export type PilotStatus =
  | 'ACTIVE'
  | 'APPROVED'
  | 'COMPLETED';

export type PilotStatusEnumScalarFilters = {
  eq?: InputMaybe<PilotStatus>;
  in?: InputMaybe<Array<PilotStatus>>;
};

/** A titled plan, regulation, rule, mechanism or system. */
export type Policy = Entity & {
  __typename?: 'Policy';
  aliases: Array<Scalars['String']['output']>;
  description: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  /** Bodies that implement the policy (IMPLEMENTS). */
  implementedBy: Array<Department>;
  /** Bodies that issued the policy (ISSUED). */
  issuedBy: Array<Department>;
  kind: Maybe<PolicyKind>;
  name: Scalars['String']['output'];
  nameEn: Maybe<Scalars['String']['output']>;
  note: Maybe<Scalars['String']['output']>;
  /** Outcomes the policy achieved (ACHIEVED). */
  outcomes: Array<Outcome>;
  /** The policy (system) this one is part of (PART_OF). */
  parent: Maybe<Policy>;
  /** Policies that are part of this one (PART_OF). */
  parts: Array<Policy>;
  /** Pilot programs that implement the policy (IMPLEMENTS). */
  pilotPrograms: Array<PilotProgram>;
  sources: Array<Evidence>;
  /** Tasks that implement the policy (IMPLEMENTS). */
  tasks: Array<Task>;
  /** The formal title where the source gives one. */
  title: Maybe<Scalars['String']['output']>;
};


/** A titled plan, regulation, rule, mechanism or system. */
export type PolicyImplementedByArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<DepartmentSort>>;
  where?: InputMaybe<DepartmentWhere>;
};


/** A titled plan, regulation, rule, mechanism or system. */
export type PolicyIssuedByArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<DepartmentSort>>;
  where?: InputMaybe<DepartmentWhere>;
};


/** A titled plan, regulation, rule, mechanism or system. */
export type PolicyOutcomesArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<OutcomeSort>>;
  where?: InputMaybe<OutcomeWhere>;
};


/** A titled plan, regulation, rule, mechanism or system. */
export type PolicyPartsArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<PolicySort>>;
  where?: InputMaybe<PolicyWhere>;
};


/** A titled plan, regulation, rule, mechanism or system. */
export type PolicyPilotProgramsArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<PilotProgramSort>>;
  where?: InputMaybe<PilotProgramWhere>;
};


/** A titled plan, regulation, rule, mechanism or system. */
export type PolicyTasksArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<TaskSort>>;
  where?: InputMaybe<TaskWhere>;
};

export type PolicyKind =
  | 'MECHANISM'
  | 'OTHER'
  | 'PLAN'
  | 'REGULATION'
  | 'RULE'
  | 'STRATEGY'
  | 'SYSTEM';

export type PolicyKindEnumScalarFilters = {
  eq?: InputMaybe<PolicyKind>;
  in?: InputMaybe<Array<PolicyKind>>;
};

export type PolicyRelationshipFilters = {
  all?: InputMaybe<PolicyWhere>;
  none?: InputMaybe<PolicyWhere>;
  single?: InputMaybe<PolicyWhere>;
  some?: InputMaybe<PolicyWhere>;
};

export type PolicySort = {
  id?: InputMaybe<SortDirection>;
  kind?: InputMaybe<SortDirection>;
  name?: InputMaybe<SortDirection>;
  nameEn?: InputMaybe<SortDirection>;
  title?: InputMaybe<SortDirection>;
};

export type PolicyWhere = {
  AND?: InputMaybe<Array<PolicyWhere>>;
  NOT?: InputMaybe<PolicyWhere>;
  OR?: InputMaybe<Array<PolicyWhere>>;
  description?: InputMaybe<StringScalarFilters>;
  id?: InputMaybe<IdScalarFilters>;
  implementedBy?: InputMaybe<DepartmentRelationshipFilters>;
  issuedBy?: InputMaybe<DepartmentRelationshipFilters>;
  kind?: InputMaybe<PolicyKindEnumScalarFilters>;
  name?: InputMaybe<StringScalarFilters>;
  nameEn?: InputMaybe<StringScalarFilters>;
  outcomes?: InputMaybe<OutcomeRelationshipFilters>;
  parent?: InputMaybe<PolicyRelationshipFilters>;
  parts?: InputMaybe<PolicyRelationshipFilters>;
  pilotPrograms?: InputMaybe<PilotProgramRelationshipFilters>;
  tasks?: InputMaybe<TaskRelationshipFilters>;
  title?: InputMaybe<StringScalarFilters>;
};

export type Query = {
  __typename?: 'Query';
  /** Departments: party and government bodies, special groups, bureaus, enterprises, universities … */
  departments: Array<Department>;
  /** The source documents every piece of evidence points into. */
  documents: Array<Document>;
  /** One entity of any type by its id (e.g. `task/provincial-key-tasks`); null when no entity has that id. */
  entity: Maybe<Entity>;
  /** Leaders (named people, roles, or groups of leaders with a headcount). */
  leaders: Array<Leader>;
  /**
   * The entities within `depth` hops of `id` (default 1, at most 3) and the relationships among
   * them, for graph views. At most `limit` nodes besides the centre (default 100, at most 500).
   */
  neighborhood: Subgraph;
  /** Outcomes: honours, metrics (a number with its unit) and milestones. */
  outcomes: Array<Outcome>;
  /**
   * Shortest paths between two entities, ignoring direction, with at most `maxHops`
   * relationships (default 4, at most 6). At most `limit` paths (default 10, at most 100).
   */
  paths: Array<Path>;
  /** Pilot programs and experimental zones. */
  pilotPrograms: Array<PilotProgram>;
  /** Policies: titled plans, regulations, rules, mechanisms and systems. */
  policies: Array<Policy>;
  /**
   * Full-text search over names, English names, aliases and descriptions (Chinese with the
   * `cjk` analyzer). Hits come best first; `types` restricts the entity types. `limit`
   * defaults to 20 (at most 100). Lucene syntax in `query` is treated as plain text.
   */
  search: Array<SearchHit>;
  /** Counts of entities and relationships per type. */
  stats: Stats;
  /** Tasks: reform areas, their sub-tasks, key items, measures and campaigns. */
  tasks: Array<Task>;
};


export type QueryDepartmentsArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<DepartmentSort>>;
  where?: InputMaybe<DepartmentWhere>;
};


export type QueryDocumentsArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<DocumentSort>>;
  where?: InputMaybe<DocumentWhere>;
};


export type QueryEntityArgs = {
  id: Scalars['ID']['input'];
};


export type QueryLeadersArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<LeaderSort>>;
  where?: InputMaybe<LeaderWhere>;
};


export type QueryNeighborhoodArgs = {
  depth?: InputMaybe<Scalars['Int']['input']>;
  id: Scalars['ID']['input'];
  limit?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryOutcomesArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<OutcomeSort>>;
  where?: InputMaybe<OutcomeWhere>;
};


export type QueryPathsArgs = {
  from: Scalars['ID']['input'];
  limit?: InputMaybe<Scalars['Int']['input']>;
  maxHops?: InputMaybe<Scalars['Int']['input']>;
  to: Scalars['ID']['input'];
};


export type QueryPilotProgramsArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<PilotProgramSort>>;
  where?: InputMaybe<PilotProgramWhere>;
};


export type QueryPoliciesArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<PolicySort>>;
  where?: InputMaybe<PolicyWhere>;
};


export type QuerySearchArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  query: Scalars['String']['input'];
  types?: InputMaybe<Array<EntityType>>;
};


export type QueryTasksArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<TaskSort>>;
  where?: InputMaybe<TaskWhere>;
};

/** A relationship between two entities, with its evidence. */
export type Relationship = {
  __typename?: 'Relationship';
  from: Entity;
  /** False when the source states the relationship, true when it only clearly implies it. */
  implied: Scalars['Boolean']['output'];
  note: Maybe<Scalars['String']['output']>;
  sources: Array<Evidence>;
  to: Entity;
  /** LEADS, MEMBER_OF, RESPONSIBLE_FOR, PART_OF, IMPLEMENTS, RUNS, ACHIEVED, ISSUED, SUPPORTS. */
  type: Scalars['String']['output'];
};

export type SearchHit = {
  __typename?: 'SearchHit';
  entity: Entity;
  /** The matching text with the matched terms wrapped in <em>…</em> (other text HTML-escaped). */
  highlight: Maybe<Scalars['String']['output']>;
  /** Lucene relevance (BM25) of the hit; higher is better. */
  score: Scalars['Float']['output'];
};

export type SortDirection =
  | 'ASC'
  | 'DESC';

export type Stats = {
  __typename?: 'Stats';
  entityCounts: Array<TypeCount>;
  relationshipCounts: Array<TypeCount>;
};

export type StringScalarFilters = {
  contains?: InputMaybe<Scalars['String']['input']>;
  endsWith?: InputMaybe<Scalars['String']['input']>;
  eq?: InputMaybe<Scalars['String']['input']>;
  in?: InputMaybe<Array<Scalars['String']['input']>>;
  startsWith?: InputMaybe<Scalars['String']['input']>;
};

export type Subgraph = {
  __typename?: 'Subgraph';
  nodes: Array<Entity>;
  relationships: Array<Relationship>;
};

/** A reform area, sub-task, key item, measure or campaign. */
export type Task = Entity & {
  __typename?: 'Task';
  aliases: Array<Scalars['String']['output']>;
  /** The reform area (e.g. 资源要素). */
  area: Maybe<Scalars['String']['output']>;
  /** Items completed. */
  completed: Maybe<Scalars['Int']['output']>;
  /** Bodies responsible for the task (RESPONSIBLE_FOR). */
  departments: Array<Department>;
  description: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  /** Leaders who lead the task (LEADS). */
  leaders: Array<Leader>;
  name: Scalars['String']['output'];
  nameEn: Maybe<Scalars['String']['output']>;
  note: Maybe<Scalars['String']['output']>;
  /** Outcomes the task achieved (ACHIEVED). */
  outcomes: Array<Outcome>;
  /** The task this one is part of (PART_OF). */
  parent: Maybe<Task>;
  /** Pilot programs under this task (PART_OF). */
  pilotPrograms: Array<PilotProgram>;
  /** Items planned. */
  planned: Maybe<Scalars['Int']['output']>;
  /** Policies the task implements (IMPLEMENTS). */
  policies: Array<Policy>;
  sources: Array<Evidence>;
  status: Maybe<TaskStatus>;
  /** Tasks that are part of this one (PART_OF). */
  subtasks: Array<Task>;
  /** Bodies that support the task (SUPPORTS). */
  supportedBy: Array<Department>;
  year: Maybe<Scalars['Int']['output']>;
};


/** A reform area, sub-task, key item, measure or campaign. */
export type TaskDepartmentsArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<DepartmentSort>>;
  where?: InputMaybe<DepartmentWhere>;
};


/** A reform area, sub-task, key item, measure or campaign. */
export type TaskLeadersArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<LeaderSort>>;
  where?: InputMaybe<LeaderWhere>;
};


/** A reform area, sub-task, key item, measure or campaign. */
export type TaskOutcomesArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<OutcomeSort>>;
  where?: InputMaybe<OutcomeWhere>;
};


/** A reform area, sub-task, key item, measure or campaign. */
export type TaskPilotProgramsArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<PilotProgramSort>>;
  where?: InputMaybe<PilotProgramWhere>;
};


/** A reform area, sub-task, key item, measure or campaign. */
export type TaskPoliciesArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<PolicySort>>;
  where?: InputMaybe<PolicyWhere>;
};


/** A reform area, sub-task, key item, measure or campaign. */
export type TaskSubtasksArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<TaskSort>>;
  where?: InputMaybe<TaskWhere>;
};


/** A reform area, sub-task, key item, measure or campaign. */
export type TaskSupportedByArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<DepartmentSort>>;
  where?: InputMaybe<DepartmentWhere>;
};

export type TaskRelationshipFilters = {
  all?: InputMaybe<TaskWhere>;
  none?: InputMaybe<TaskWhere>;
  single?: InputMaybe<TaskWhere>;
  some?: InputMaybe<TaskWhere>;
};

export type TaskSort = {
  area?: InputMaybe<SortDirection>;
  completed?: InputMaybe<SortDirection>;
  id?: InputMaybe<SortDirection>;
  name?: InputMaybe<SortDirection>;
  nameEn?: InputMaybe<SortDirection>;
  planned?: InputMaybe<SortDirection>;
  status?: InputMaybe<SortDirection>;
  year?: InputMaybe<SortDirection>;
};

export type TaskStatus =
  | 'COMPLETED'
  | 'IN_PROGRESS'
  | 'PLANNED';

export type TaskStatusEnumScalarFilters = {
  eq?: InputMaybe<TaskStatus>;
  in?: InputMaybe<Array<TaskStatus>>;
};

export type TaskWhere = {
  AND?: InputMaybe<Array<TaskWhere>>;
  NOT?: InputMaybe<TaskWhere>;
  OR?: InputMaybe<Array<TaskWhere>>;
  area?: InputMaybe<StringScalarFilters>;
  completed?: InputMaybe<IntScalarFilters>;
  departments?: InputMaybe<DepartmentRelationshipFilters>;
  description?: InputMaybe<StringScalarFilters>;
  id?: InputMaybe<IdScalarFilters>;
  leaders?: InputMaybe<LeaderRelationshipFilters>;
  name?: InputMaybe<StringScalarFilters>;
  nameEn?: InputMaybe<StringScalarFilters>;
  outcomes?: InputMaybe<OutcomeRelationshipFilters>;
  parent?: InputMaybe<TaskRelationshipFilters>;
  pilotPrograms?: InputMaybe<PilotProgramRelationshipFilters>;
  planned?: InputMaybe<IntScalarFilters>;
  policies?: InputMaybe<PolicyRelationshipFilters>;
  status?: InputMaybe<TaskStatusEnumScalarFilters>;
  subtasks?: InputMaybe<TaskRelationshipFilters>;
  supportedBy?: InputMaybe<DepartmentRelationshipFilters>;
  year?: InputMaybe<IntScalarFilters>;
};

export type TypeCount = {
  __typename?: 'TypeCount';
  count: Scalars['Int']['output'];
  type: Scalars['String']['output'];
};

export type DepartmentKind =
  /** Bureaus, departments and their units. */
  | 'AGENCY'
  /** Service and operations centres. */
  | 'CENTER'
  /** Districts, towns, sub-districts, grids. */
  | 'COMMUNITY'
  | 'ENTERPRISE'
  /** A government or city as a whole. */
  | 'GOVERNMENT'
  /** Leading groups, special groups, task forces. */
  | 'GROUP'
  | 'MEDIA'
  | 'OTHER'
  /** Party committees and their commissions. */
  | 'PARTY'
  /** Institutes, laboratories, innovation centres, think tanks. */
  | 'RESEARCH'
  | 'UNIVERSITY';

export type EntityType =
  | 'Department'
  | 'Document'
  | 'Leader'
  | 'Outcome'
  | 'PilotProgram'
  | 'Policy'
  | 'Task';

export type TaskStatus =
  | 'COMPLETED'
  | 'IN_PROGRESS'
  | 'PLANNED';

export type TaskWithDepartmentsQueryVariables = Exact<{
  id: string;
}>;


export type TaskWithDepartmentsQuery = { entity:
    | { __typename: 'Department', id: string, name: string }
    | { __typename: 'Document', id: string, name: string }
    | { __typename: 'Leader', id: string, name: string }
    | { __typename: 'Outcome', id: string, name: string }
    | { __typename: 'PilotProgram', id: string, name: string }
    | { __typename: 'Policy', id: string, name: string }
    | { __typename: 'Task', year: number | null, status: TaskStatus | null, id: string, name: string, departments: Array<{ id: string, name: string, kind: DepartmentKind | null }>, sources: Array<{ paragraph: number, quote: string, document: { title: string } }> }
   | null };

export type HonoursPageQueryVariables = Exact<{
  limit: number;
  offset: number;
}>;


export type HonoursPageQuery = { outcomes: Array<{ id: string, name: string, scope: string | null, year: number | null }> };

export type SearchBoxQueryVariables = Exact<{
  q: string;
  types?: Array<EntityType> | EntityType | null | undefined;
}>;


export type SearchBoxQuery = { search: Array<{ score: number, highlight: string | null, entity:
      | { __typename: 'Department', id: string, name: string, nameEn: string | null }
      | { __typename: 'Document', id: string, name: string, nameEn: string | null }
      | { __typename: 'Leader', id: string, name: string, nameEn: string | null }
      | { __typename: 'Outcome', id: string, name: string, nameEn: string | null }
      | { __typename: 'PilotProgram', id: string, name: string, nameEn: string | null }
      | { __typename: 'Policy', id: string, name: string, nameEn: string | null }
      | { __typename: 'Task', id: string, name: string, nameEn: string | null }
     }> };
