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

export type BooleanScalarFilters = {
  eq?: InputMaybe<Scalars['Boolean']['input']>;
};

/** One change of the graph at a data version. */
export type Change = {
  __typename?: 'Change';
  /** When the version became current (ISO 8601, UTC). */
  at: Maybe<Scalars['String']['output']>;
  /** The dataset whose sync (or unload) made the change. */
  dataset: Scalars['ID']['output'];
  /** The entity as it is now (kind ENTITY); null when it is gone. */
  entity: Maybe<Entity>;
  /** The properties that changed (op CHANGED). */
  fields: Array<Scalars['String']['output']>;
  /** The relationship's ends (kind RELATIONSHIP). */
  from: Maybe<Scalars['ID']['output']>;
  /** The entity's id (kind ENTITY). */
  id: Maybe<Scalars['ID']['output']>;
  kind: FactKind;
  op: ChangeOp;
  to: Maybe<Scalars['ID']['output']>;
  /** The entity type, or the relationship type. */
  type: Scalars['String']['output'];
  version: Scalars['Int']['output'];
};

export type ChangeOp =
  | 'ADDED'
  | 'CHANGED'
  | 'REMOVED';

/** What one dataset says of one property of an entity. */
export type Claim = {
  __typename?: 'Claim';
  dataset: Scalars['ID']['output'];
  field: Scalars['String']['output'];
  /** That dataset's evidence of the entity. */
  sources: Array<Evidence>;
  /** The value as text (numbers in plain decimal). */
  value: Maybe<Scalars['String']['output']>;
};

/** How many nodes (distinct entities) and edges (relationships; equal to nodes on root connections) a connection holds. */
export type Count = {
  __typename?: 'Count';
  edges: Scalars['Int']['output'];
  nodes: Scalars['Int']['output'];
};

/** A data version: a number that only grows with each sync that changes the graph. */
export type DataVersion = {
  __typename?: 'DataVersion';
  /** When it became current (ISO 8601, UTC); null before the first sync. */
  at: Maybe<Scalars['String']['output']>;
  version: Scalars['Int']['output'];
};

/** A loaded dataset. */
export type Dataset = {
  __typename?: 'Dataset';
  documents: Scalars['Int']['output'];
  entities: Scalars['Int']['output'];
  /** The hash of its content (title and facts). */
  hash: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  /** When it was last synced (ISO 8601, UTC). */
  loadedAt: Maybe<Scalars['String']['output']>;
  relationships: Scalars['Int']['output'];
  /** A sync of it started and did not finish: load it again. */
  syncing: Scalars['Boolean']['output'];
  title: Scalars['String']['output'];
  /** The data version of its last change. */
  version: Scalars['Int']['output'];
};

/** A party or government body, group, bureau, enterprise, university … */
export type Department = Entity & {
  __typename?: 'Department';
  aliases: Array<Scalars['String']['output']>;
  /** Bodies that are part of this one (PART_OF). */
  children: Array<Department>;
  /** `children` as a connection; each edge carries its relationship and evidence. */
  childrenConnection: DepartmentsConnection;
  /**
   * What each dataset says of each plain property (every property but id, aliases and the
   * evidence): one claim per dataset per property, by field then dataset, with that dataset's
   * evidence. `field` keeps that property's claims only. The plain property shows the value of
   * the first dataset by id that gives one.
   */
  claims: Array<Claim>;
  /** Work systems this body is a component of (COMPONENT_OF). */
  componentOf: Array<Policy>;
  /** `componentOf` as a connection; each edge carries its relationship and evidence. */
  componentOfConnection: PoliciesConnection;
  /** The properties whose values differ between the datasets that assert this entity (sorted; empty when they agree). */
  conflicts: Array<Scalars['String']['output']>;
  /**
   * The ids of the loaded datasets that assert this entity, by id (the first gives the plain
   * properties' values).
   */
  datasets: Array<Scalars['ID']['output']>;
  description: Maybe<Scalars['String']['output']>;
  /** Bodies this one built or set up (ESTABLISHED). */
  established: Array<Department>;
  /** Bodies that built or set up this one (ESTABLISHED). */
  establishedBy: Array<Department>;
  /** `establishedBy` as a connection; each edge carries its relationship and evidence. */
  establishedByConnection: DepartmentsConnection;
  /** `established` as a connection; each edge carries its relationship and evidence. */
  establishedConnection: DepartmentsConnection;
  /**
   * The changes of this entity (added, removed, changed), newest first: `limit` (default the
   * nested limit) after `offset`.
   */
  history: Array<Change>;
  id: Scalars['ID']['output'];
  /** Policies this body implements (IMPLEMENTS). */
  implementedPolicies: Array<Policy>;
  /** `implementedPolicies` as a connection; each edge carries its relationship and evidence. */
  implementedPoliciesConnection: PoliciesConnection;
  /** Leaders who inspected this place (INSPECTED). */
  inspectedBy: Array<Leader>;
  /** `inspectedBy` as a connection; each edge carries its relationship and evidence. */
  inspectedByConnection: LeadersConnection;
  kind: Maybe<DepartmentKind>;
  /** Leaders who head (LEADS) or belong to (MEMBER_OF) this body. */
  leaders: Array<Leader>;
  /** `leaders` as a connection; each edge carries its relationship and evidence. */
  leadersConnection: LeadersConnection;
  name: Scalars['String']['output'];
  nameEn: Maybe<Scalars['String']['output']>;
  note: Maybe<Scalars['String']['output']>;
  /** Outcomes this body achieved (ACHIEVED). */
  outcomes: Array<Outcome>;
  /** `outcomes` as a connection; each edge carries its relationship and evidence. */
  outcomesConnection: OutcomesConnection;
  /** The body this one is part of (PART_OF). */
  parent: Maybe<Department>;
  /** `parent` as a connection; each edge carries its relationship and evidence. */
  parentConnection: DepartmentsConnection;
  /** Pilot programs this body runs (RUNS). */
  pilotPrograms: Array<PilotProgram>;
  /** `pilotPrograms` as a connection; each edge carries its relationship and evidence. */
  pilotProgramsConnection: PilotProgramsConnection;
  /** Policies this body issued (ISSUED). */
  policies: Array<Policy>;
  /** `policies` as a connection; each edge carries its relationship and evidence. */
  policiesConnection: PoliciesConnection;
  sources: Array<Evidence>;
  /** Bodies that support this one (SUPPORTS). */
  supportedBy: Array<Department>;
  /** `supportedBy` as a connection; each edge carries its relationship and evidence. */
  supportedByConnection: DepartmentsConnection;
  /** Entities whose work this body supports (SUPPORTS). */
  supports: Array<Entity>;
  /** `supports` as a connection; each edge carries its relationship and evidence. */
  supportsConnection: EntitiesConnection;
  /** Tasks this body is responsible for (RESPONSIBLE_FOR). */
  tasks: Array<Task>;
  /** `tasks` as a connection; each edge carries its relationship and evidence. */
  tasksConnection: TasksConnection;
};


/** A party or government body, group, bureau, enterprise, university … */
export type DepartmentChildrenArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<DepartmentSort>>;
  where?: InputMaybe<DepartmentWhere>;
};


/** A party or government body, group, bureau, enterprise, university … */
export type DepartmentChildrenConnectionArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<DepartmentConnectionSort>>;
  where?: InputMaybe<DepartmentConnectionWhere>;
};


/** A party or government body, group, bureau, enterprise, university … */
export type DepartmentClaimsArgs = {
  field?: InputMaybe<Scalars['String']['input']>;
};


/** A party or government body, group, bureau, enterprise, university … */
export type DepartmentComponentOfArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<PolicySort>>;
  where?: InputMaybe<PolicyWhere>;
};


/** A party or government body, group, bureau, enterprise, university … */
export type DepartmentComponentOfConnectionArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<PolicyConnectionSort>>;
  where?: InputMaybe<PolicyConnectionWhere>;
};


/** A party or government body, group, bureau, enterprise, university … */
export type DepartmentEstablishedArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<DepartmentSort>>;
  where?: InputMaybe<DepartmentWhere>;
};


/** A party or government body, group, bureau, enterprise, university … */
export type DepartmentEstablishedByArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<DepartmentSort>>;
  where?: InputMaybe<DepartmentWhere>;
};


/** A party or government body, group, bureau, enterprise, university … */
export type DepartmentEstablishedByConnectionArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<DepartmentConnectionSort>>;
  where?: InputMaybe<DepartmentConnectionWhere>;
};


/** A party or government body, group, bureau, enterprise, university … */
export type DepartmentEstablishedConnectionArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<DepartmentConnectionSort>>;
  where?: InputMaybe<DepartmentConnectionWhere>;
};


/** A party or government body, group, bureau, enterprise, university … */
export type DepartmentHistoryArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
};


/** A party or government body, group, bureau, enterprise, university … */
export type DepartmentImplementedPoliciesArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<PolicySort>>;
  where?: InputMaybe<PolicyWhere>;
};


/** A party or government body, group, bureau, enterprise, university … */
export type DepartmentImplementedPoliciesConnectionArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<PolicyConnectionSort>>;
  where?: InputMaybe<PolicyConnectionWhere>;
};


/** A party or government body, group, bureau, enterprise, university … */
export type DepartmentInspectedByArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<LeaderSort>>;
  where?: InputMaybe<LeaderWhere>;
};


/** A party or government body, group, bureau, enterprise, university … */
export type DepartmentInspectedByConnectionArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<LeaderConnectionSort>>;
  where?: InputMaybe<LeaderConnectionWhere>;
};


/** A party or government body, group, bureau, enterprise, university … */
export type DepartmentLeadersArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<LeaderSort>>;
  where?: InputMaybe<LeaderWhere>;
};


/** A party or government body, group, bureau, enterprise, university … */
export type DepartmentLeadersConnectionArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<LeaderConnectionSort>>;
  where?: InputMaybe<LeaderConnectionWhere>;
};


/** A party or government body, group, bureau, enterprise, university … */
export type DepartmentOutcomesArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<OutcomeSort>>;
  where?: InputMaybe<OutcomeWhere>;
};


/** A party or government body, group, bureau, enterprise, university … */
export type DepartmentOutcomesConnectionArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<OutcomeConnectionSort>>;
  where?: InputMaybe<OutcomeConnectionWhere>;
};


/** A party or government body, group, bureau, enterprise, university … */
export type DepartmentParentConnectionArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<DepartmentConnectionSort>>;
  where?: InputMaybe<DepartmentConnectionWhere>;
};


/** A party or government body, group, bureau, enterprise, university … */
export type DepartmentPilotProgramsArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<PilotProgramSort>>;
  where?: InputMaybe<PilotProgramWhere>;
};


/** A party or government body, group, bureau, enterprise, university … */
export type DepartmentPilotProgramsConnectionArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<PilotProgramConnectionSort>>;
  where?: InputMaybe<PilotProgramConnectionWhere>;
};


/** A party or government body, group, bureau, enterprise, university … */
export type DepartmentPoliciesArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<PolicySort>>;
  where?: InputMaybe<PolicyWhere>;
};


/** A party or government body, group, bureau, enterprise, university … */
export type DepartmentPoliciesConnectionArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<PolicyConnectionSort>>;
  where?: InputMaybe<PolicyConnectionWhere>;
};


/** A party or government body, group, bureau, enterprise, university … */
export type DepartmentSupportedByArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<DepartmentSort>>;
  where?: InputMaybe<DepartmentWhere>;
};


/** A party or government body, group, bureau, enterprise, university … */
export type DepartmentSupportedByConnectionArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<DepartmentConnectionSort>>;
  where?: InputMaybe<DepartmentConnectionWhere>;
};


/** A party or government body, group, bureau, enterprise, university … */
export type DepartmentSupportsArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  where?: InputMaybe<EntityWhere>;
};


/** A party or government body, group, bureau, enterprise, university … */
export type DepartmentSupportsConnectionArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<EntityConnectionSort>>;
  where?: InputMaybe<EntityConnectionWhere>;
};


/** A party or government body, group, bureau, enterprise, university … */
export type DepartmentTasksArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<TaskSort>>;
  where?: InputMaybe<TaskWhere>;
};


/** A party or government body, group, bureau, enterprise, university … */
export type DepartmentTasksConnectionArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<TaskConnectionSort>>;
  where?: InputMaybe<TaskConnectionWhere>;
};

export type DepartmentAggregate = {
  __typename?: 'DepartmentAggregate';
  count: Count;
  /**
   * The matching entities grouped by one field: by a scalar field's value, or by the entity at
   * the other end of a relationship field (an entity with several falls in several groups; one
   * with none in the group whose value is null). Largest groups first, then by value. At most
   * `limit` groups (default 100, at most 1000).
   */
  groupBy: Array<DepartmentGroup>;
  node: DepartmentAggregateNode;
};


export type DepartmentAggregateGroupByArgs = {
  field: DepartmentGroupField;
  limit?: InputMaybe<Scalars['Int']['input']>;
};

/** Filters on the entities related through one relationship field, as an aggregate (v7's `<field>Aggregate`). */
export type DepartmentAggregateFilters = {
  AND?: InputMaybe<Array<DepartmentAggregateFilters>>;
  NOT?: InputMaybe<DepartmentAggregateFilters>;
  OR?: InputMaybe<Array<DepartmentAggregateFilters>>;
  /** The number of distinct related entities (0 when there are none). */
  count?: InputMaybe<IntScalarFilters>;
  node?: InputMaybe<DepartmentAggregateNodeFilters>;
};

export type DepartmentAggregateNode = {
  __typename?: 'DepartmentAggregateNode';
  description: Maybe<StringAggregateSelection>;
  name: Maybe<StringAggregateSelection>;
  nameEn: Maybe<StringAggregateSelection>;
};

/** Aggregates of the related entities' fields, each compared with its filters (v7's `node` in `<field>Aggregate`). */
export type DepartmentAggregateNodeFilters = {
  AND?: InputMaybe<Array<DepartmentAggregateNodeFilters>>;
  NOT?: InputMaybe<DepartmentAggregateNodeFilters>;
  OR?: InputMaybe<Array<DepartmentAggregateNodeFilters>>;
  description?: InputMaybe<StringScalarAggregationFilters>;
  name?: InputMaybe<StringScalarAggregationFilters>;
  nameEn?: InputMaybe<StringScalarAggregationFilters>;
};

/** Relationship filters over connection edges: `some`, `none`, `all`, `single` edge matches. */
export type DepartmentConnectionFilters = {
  all?: InputMaybe<DepartmentConnectionWhere>;
  none?: InputMaybe<DepartmentConnectionWhere>;
  single?: InputMaybe<DepartmentConnectionWhere>;
  some?: InputMaybe<DepartmentConnectionWhere>;
};

/** Sort key of a relationship-field connection: on the related entity or on the relationship. */
export type DepartmentConnectionSort = {
  edge?: InputMaybe<RelationshipSort>;
  node?: InputMaybe<DepartmentSort>;
};

/** Filter of a relationship-field connection: on the related entity (`node`) and on the relationship (`edge`). */
export type DepartmentConnectionWhere = {
  AND?: InputMaybe<Array<DepartmentConnectionWhere>>;
  NOT?: InputMaybe<DepartmentConnectionWhere>;
  OR?: InputMaybe<Array<DepartmentConnectionWhere>>;
  edge?: InputMaybe<RelationshipWhere>;
  node?: InputMaybe<DepartmentWhere>;
};

export type DepartmentEdge = {
  __typename?: 'DepartmentEdge';
  /** Opaque; pass it as `after` to get the edges after this one. */
  cursor: Scalars['String']['output'];
  node: Department;
  /** The relationship and its evidence on relationship-field connections; null on root connections. */
  properties: Maybe<RelationshipProperties>;
};

/** One group of Departments: the field's value (as text) or the related entity, and its members. */
export type DepartmentGroup = {
  __typename?: 'DepartmentGroup';
  /** Number of Departments in the group. */
  count: Scalars['Int']['output'];
  /** The related entity, when grouping by a relationship field. */
  entity: Maybe<Entity>;
  /** The Departments in the group. */
  nodes: Array<Department>;
  /** The grouped field's value as text (an id when grouping by a relationship field); null for entities without one. */
  value: Maybe<Scalars['String']['output']>;
};


/** One group of Departments: the field's value (as text) or the related entity, and its members. */
export type DepartmentGroupNodesArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<DepartmentSort>>;
};

/** Fields to group Departments by: scalar fields, and relationship fields (grouped by the related entity). */
export type DepartmentGroupField =
  | 'children'
  | 'componentOf'
  | 'established'
  | 'establishedBy'
  | 'implementedPolicies'
  | 'inspectedBy'
  | 'kind'
  | 'leaders'
  | 'outcomes'
  | 'parent'
  | 'pilotPrograms'
  | 'policies'
  | 'supportedBy'
  | 'supports'
  | 'tasks';

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
  childrenAggregate?: InputMaybe<DepartmentAggregateFilters>;
  childrenConnection?: InputMaybe<DepartmentConnectionFilters>;
  componentOf?: InputMaybe<PolicyRelationshipFilters>;
  componentOfAggregate?: InputMaybe<PolicyAggregateFilters>;
  componentOfConnection?: InputMaybe<PolicyConnectionFilters>;
  description?: InputMaybe<StringScalarFilters>;
  established?: InputMaybe<DepartmentRelationshipFilters>;
  establishedAggregate?: InputMaybe<DepartmentAggregateFilters>;
  establishedBy?: InputMaybe<DepartmentRelationshipFilters>;
  establishedByAggregate?: InputMaybe<DepartmentAggregateFilters>;
  establishedByConnection?: InputMaybe<DepartmentConnectionFilters>;
  establishedConnection?: InputMaybe<DepartmentConnectionFilters>;
  id?: InputMaybe<IdScalarFilters>;
  implementedPolicies?: InputMaybe<PolicyRelationshipFilters>;
  implementedPoliciesAggregate?: InputMaybe<PolicyAggregateFilters>;
  implementedPoliciesConnection?: InputMaybe<PolicyConnectionFilters>;
  inspectedBy?: InputMaybe<LeaderRelationshipFilters>;
  inspectedByAggregate?: InputMaybe<LeaderAggregateFilters>;
  inspectedByConnection?: InputMaybe<LeaderConnectionFilters>;
  kind?: InputMaybe<DepartmentKindEnumScalarFilters>;
  leaders?: InputMaybe<LeaderRelationshipFilters>;
  leadersAggregate?: InputMaybe<LeaderAggregateFilters>;
  leadersConnection?: InputMaybe<LeaderConnectionFilters>;
  name?: InputMaybe<StringScalarFilters>;
  nameEn?: InputMaybe<StringScalarFilters>;
  outcomes?: InputMaybe<OutcomeRelationshipFilters>;
  outcomesAggregate?: InputMaybe<OutcomeAggregateFilters>;
  outcomesConnection?: InputMaybe<OutcomeConnectionFilters>;
  parent?: InputMaybe<DepartmentRelationshipFilters>;
  parentAggregate?: InputMaybe<DepartmentAggregateFilters>;
  parentConnection?: InputMaybe<DepartmentConnectionFilters>;
  pilotPrograms?: InputMaybe<PilotProgramRelationshipFilters>;
  pilotProgramsAggregate?: InputMaybe<PilotProgramAggregateFilters>;
  pilotProgramsConnection?: InputMaybe<PilotProgramConnectionFilters>;
  policies?: InputMaybe<PolicyRelationshipFilters>;
  policiesAggregate?: InputMaybe<PolicyAggregateFilters>;
  policiesConnection?: InputMaybe<PolicyConnectionFilters>;
  supportedBy?: InputMaybe<DepartmentRelationshipFilters>;
  supportedByAggregate?: InputMaybe<DepartmentAggregateFilters>;
  supportedByConnection?: InputMaybe<DepartmentConnectionFilters>;
  supports?: InputMaybe<EntityRelationshipFilters>;
  supportsAggregate?: InputMaybe<EntityAggregateFilters>;
  supportsConnection?: InputMaybe<EntityConnectionFilters>;
  tasks?: InputMaybe<TaskRelationshipFilters>;
  tasksAggregate?: InputMaybe<TaskAggregateFilters>;
  tasksConnection?: InputMaybe<TaskConnectionFilters>;
};

/** A page of Department entities (Relay connection). */
export type DepartmentsConnection = {
  __typename?: 'DepartmentsConnection';
  /** Aggregates over all edges matching the filter (not only this page); computed only when selected. */
  aggregate: DepartmentAggregate;
  edges: Array<DepartmentEdge>;
  pageInfo: PageInfo;
  /** All edges matching the filter, across pages; counted only when selected. */
  totalCount: Scalars['Int']['output'];
};

/** A source document. */
export type Document = Entity & {
  __typename?: 'Document';
  aliases: Array<Scalars['String']['output']>;
  /**
   * What each dataset says of each plain property (every property but id, aliases and the
   * evidence): one claim per dataset per property, by field then dataset, with that dataset's
   * evidence. `field` keeps that property's claims only. The plain property shows the value of
   * the first dataset by id that gives one.
   */
  claims: Array<Claim>;
  /** The properties whose values differ between the datasets that assert this entity (sorted; empty when they agree). */
  conflicts: Array<Scalars['String']['output']>;
  /**
   * The ids of the loaded datasets that assert this entity, by id (the first gives the plain
   * properties' values).
   */
  datasets: Array<Scalars['ID']['output']>;
  /** ISO date, or the most precise part known (YYYY, YYYY-MM). */
  date: Maybe<Scalars['String']['output']>;
  description: Maybe<Scalars['String']['output']>;
  /**
   * The changes of this entity (added, removed, changed), newest first: `limit` (default the
   * nested limit) after `offset`.
   */
  history: Array<Change>;
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


/** A source document. */
export type DocumentClaimsArgs = {
  field?: InputMaybe<Scalars['String']['input']>;
};


/** A source document. */
export type DocumentHistoryArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
};

export type DocumentAggregate = {
  __typename?: 'DocumentAggregate';
  count: Count;
  /**
   * The matching entities grouped by one field: by a scalar field's value, or by the entity at
   * the other end of a relationship field (an entity with several falls in several groups; one
   * with none in the group whose value is null). Largest groups first, then by value. At most
   * `limit` groups (default 100, at most 1000).
   */
  groupBy: Array<DocumentGroup>;
  node: DocumentAggregateNode;
};


export type DocumentAggregateGroupByArgs = {
  field: DocumentGroupField;
  limit?: InputMaybe<Scalars['Int']['input']>;
};

export type DocumentAggregateNode = {
  __typename?: 'DocumentAggregateNode';
  date: Maybe<StringAggregateSelection>;
  description: Maybe<StringAggregateSelection>;
  name: Maybe<StringAggregateSelection>;
  nameEn: Maybe<StringAggregateSelection>;
  publisher: Maybe<StringAggregateSelection>;
  title: Maybe<StringAggregateSelection>;
  year: Maybe<IntAggregateSelection>;
};

/** Relationship filters over connection edges: `some`, `none`, `all`, `single` edge matches. */
export type DocumentConnectionFilters = {
  all?: InputMaybe<DocumentConnectionWhere>;
  none?: InputMaybe<DocumentConnectionWhere>;
  single?: InputMaybe<DocumentConnectionWhere>;
  some?: InputMaybe<DocumentConnectionWhere>;
};

/** Sort key of a relationship-field connection: on the related entity or on the relationship. */
export type DocumentConnectionSort = {
  edge?: InputMaybe<RelationshipSort>;
  node?: InputMaybe<DocumentSort>;
};

/** Filter of a relationship-field connection: on the related entity (`node`) and on the relationship (`edge`). */
export type DocumentConnectionWhere = {
  AND?: InputMaybe<Array<DocumentConnectionWhere>>;
  NOT?: InputMaybe<DocumentConnectionWhere>;
  OR?: InputMaybe<Array<DocumentConnectionWhere>>;
  edge?: InputMaybe<RelationshipWhere>;
  node?: InputMaybe<DocumentWhere>;
};

export type DocumentEdge = {
  __typename?: 'DocumentEdge';
  /** Opaque; pass it as `after` to get the edges after this one. */
  cursor: Scalars['String']['output'];
  node: Document;
  /** The relationship and its evidence on relationship-field connections; null on root connections. */
  properties: Maybe<RelationshipProperties>;
};

/** One group of Documents: the field's value (as text) or the related entity, and its members. */
export type DocumentGroup = {
  __typename?: 'DocumentGroup';
  /** Number of Documents in the group. */
  count: Scalars['Int']['output'];
  /** The related entity, when grouping by a relationship field. */
  entity: Maybe<Entity>;
  /** The Documents in the group. */
  nodes: Array<Document>;
  /** The grouped field's value as text (an id when grouping by a relationship field); null for entities without one. */
  value: Maybe<Scalars['String']['output']>;
};


/** One group of Documents: the field's value (as text) or the related entity, and its members. */
export type DocumentGroupNodesArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<DocumentSort>>;
};

/** Fields to group Documents by: scalar fields, and relationship fields (grouped by the related entity). */
export type DocumentGroupField =
  | 'date'
  | 'publisher'
  | 'title'
  | 'year';

export type DocumentSort = {
  date?: InputMaybe<SortDirection>;
  id?: InputMaybe<SortDirection>;
  name?: InputMaybe<SortDirection>;
  nameEn?: InputMaybe<SortDirection>;
  publisher?: InputMaybe<SortDirection>;
  title?: InputMaybe<SortDirection>;
  year?: InputMaybe<SortDirection>;
};

export type DocumentWhere = {
  AND?: InputMaybe<Array<DocumentWhere>>;
  NOT?: InputMaybe<DocumentWhere>;
  OR?: InputMaybe<Array<DocumentWhere>>;
  date?: InputMaybe<StringScalarFilters>;
  description?: InputMaybe<StringScalarFilters>;
  id?: InputMaybe<IdScalarFilters>;
  name?: InputMaybe<StringScalarFilters>;
  nameEn?: InputMaybe<StringScalarFilters>;
  publisher?: InputMaybe<StringScalarFilters>;
  title?: InputMaybe<StringScalarFilters>;
  year?: InputMaybe<IntScalarFilters>;
};

/** A page of Document entities (Relay connection). */
export type DocumentsConnection = {
  __typename?: 'DocumentsConnection';
  /** Aggregates over all edges matching the filter (not only this page); computed only when selected. */
  aggregate: DocumentAggregate;
  edges: Array<DocumentEdge>;
  pageInfo: PageInfo;
  /** All edges matching the filter, across pages; counted only when selected. */
  totalCount: Scalars['Int']['output'];
};

/** A page of Entity entities (Relay connection). */
export type EntitiesConnection = {
  __typename?: 'EntitiesConnection';
  /** Aggregates over all edges matching the filter (not only this page); computed only when selected. */
  aggregate: EntityAggregate;
  edges: Array<EntityEdge>;
  pageInfo: PageInfo;
  /** All edges matching the filter, across pages; counted only when selected. */
  totalCount: Scalars['Int']['output'];
};

/** Every thing the graph knows implements Entity. */
export type Entity = {
  /** Other names the source uses for the same thing. */
  aliases: Array<Scalars['String']['output']>;
  /**
   * What each dataset says of each plain property (every property but id, aliases and the
   * evidence): one claim per dataset per property, by field then dataset, with that dataset's
   * evidence. `field` keeps that property's claims only. The plain property shows the value of
   * the first dataset by id that gives one.
   */
  claims: Array<Claim>;
  /** The properties whose values differ between the datasets that assert this entity (sorted; empty when they agree). */
  conflicts: Array<Scalars['String']['output']>;
  /**
   * The ids of the loaded datasets that assert this entity, by id (the first gives the plain
   * properties' values).
   */
  datasets: Array<Scalars['ID']['output']>;
  /** A short summary in the dataset's own words. */
  description: Maybe<Scalars['String']['output']>;
  /**
   * The changes of this entity (added, removed, changed), newest first: `limit` (default the
   * nested limit) after `offset`.
   */
  history: Array<Change>;
  /** Stable readable key, `<type>/<slug>`. */
  id: Scalars['ID']['output'];
  /** The name as written in the source (Chinese for the first corpus). */
  name: Scalars['String']['output'];
  /** English gloss of the name. */
  nameEn: Maybe<Scalars['String']['output']>;
  /** Where the source states this entity. */
  sources: Array<Evidence>;
};


/** Every thing the graph knows implements Entity. */
export type EntityClaimsArgs = {
  field?: InputMaybe<Scalars['String']['input']>;
};


/** Every thing the graph knows implements Entity. */
export type EntityHistoryArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
};

export type EntityAggregate = {
  __typename?: 'EntityAggregate';
  count: Count;
  /**
   * The matching entities grouped by one field: by a scalar field's value, or by the entity at
   * the other end of a relationship field (an entity with several falls in several groups; one
   * with none in the group whose value is null). Largest groups first, then by value. At most
   * `limit` groups (default 100, at most 1000).
   */
  groupBy: Array<EntityGroup>;
  node: EntityAggregateNode;
};


export type EntityAggregateGroupByArgs = {
  field: EntityGroupField;
  limit?: InputMaybe<Scalars['Int']['input']>;
};

/** Filters on the entities related through one relationship field, as an aggregate (v7's `<field>Aggregate`). */
export type EntityAggregateFilters = {
  AND?: InputMaybe<Array<EntityAggregateFilters>>;
  NOT?: InputMaybe<EntityAggregateFilters>;
  OR?: InputMaybe<Array<EntityAggregateFilters>>;
  /** The number of distinct related entities (0 when there are none). */
  count?: InputMaybe<IntScalarFilters>;
  node?: InputMaybe<EntityAggregateNodeFilters>;
};

export type EntityAggregateNode = {
  __typename?: 'EntityAggregateNode';
  description: Maybe<StringAggregateSelection>;
  name: Maybe<StringAggregateSelection>;
  nameEn: Maybe<StringAggregateSelection>;
};

/** Aggregates of the related entities' fields, each compared with its filters (v7's `node` in `<field>Aggregate`). */
export type EntityAggregateNodeFilters = {
  AND?: InputMaybe<Array<EntityAggregateNodeFilters>>;
  NOT?: InputMaybe<EntityAggregateNodeFilters>;
  OR?: InputMaybe<Array<EntityAggregateNodeFilters>>;
  description?: InputMaybe<StringScalarAggregationFilters>;
  name?: InputMaybe<StringScalarAggregationFilters>;
  nameEn?: InputMaybe<StringScalarAggregationFilters>;
};

/** Relationship filters over connection edges: `some`, `none`, `all`, `single` edge matches. */
export type EntityConnectionFilters = {
  all?: InputMaybe<EntityConnectionWhere>;
  none?: InputMaybe<EntityConnectionWhere>;
  single?: InputMaybe<EntityConnectionWhere>;
  some?: InputMaybe<EntityConnectionWhere>;
};

export type EntityConnectionSort = {
  edge?: InputMaybe<RelationshipSort>;
  node?: InputMaybe<EntitySort>;
};

/** Filter of a relationship-field connection: on the related entity (`node`) and on the relationship (`edge`). */
export type EntityConnectionWhere = {
  AND?: InputMaybe<Array<EntityConnectionWhere>>;
  NOT?: InputMaybe<EntityConnectionWhere>;
  OR?: InputMaybe<Array<EntityConnectionWhere>>;
  edge?: InputMaybe<RelationshipWhere>;
  node?: InputMaybe<EntityWhere>;
};

export type EntityEdge = {
  __typename?: 'EntityEdge';
  /** Opaque; pass it as `after` to get the edges after this one. */
  cursor: Scalars['String']['output'];
  node: Entity;
  /** The relationship and its evidence on relationship-field connections; null on root connections. */
  properties: Maybe<RelationshipProperties>;
};

/** One group of Entities: the field's value (as text) or the related entity, and its members. */
export type EntityGroup = {
  __typename?: 'EntityGroup';
  /** Number of Entities in the group. */
  count: Scalars['Int']['output'];
  /** The related entity, when grouping by a relationship field. */
  entity: Maybe<Entity>;
  /** The Entities in the group. */
  nodes: Array<Entity>;
  /** The grouped field's value as text (an id when grouping by a relationship field); null for entities without one. */
  value: Maybe<Scalars['String']['output']>;
};


/** One group of Entities: the field's value (as text) or the related entity, and its members. */
export type EntityGroupNodesArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
};

/** Fields to group Entities by: scalar fields, and relationship fields (grouped by the related entity). */
export type EntityGroupField =
  | 'type';

export type EntityRelationshipFilters = {
  all?: InputMaybe<EntityWhere>;
  none?: InputMaybe<EntityWhere>;
  single?: InputMaybe<EntityWhere>;
  some?: InputMaybe<EntityWhere>;
};

export type EntitySort = {
  id?: InputMaybe<SortDirection>;
  name?: InputMaybe<SortDirection>;
  nameEn?: InputMaybe<SortDirection>;
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

export type FactKind =
  | 'ENTITY'
  | 'RELATIONSHIP';

/** Aggregates of a Float field over the entities that have it (null when none has). */
export type FloatAggregateSelection = {
  __typename?: 'FloatAggregateSelection';
  average: Maybe<Scalars['Float']['output']>;
  max: Maybe<Scalars['Float']['output']>;
  min: Maybe<Scalars['Float']['output']>;
  sum: Maybe<Scalars['Float']['output']>;
};

/** Filters on an aggregate of a Float field over the related entities that have it (v7); sum is 0 when none has. */
export type FloatScalarAggregationFilters = {
  average?: InputMaybe<FloatScalarFilters>;
  max?: InputMaybe<FloatScalarFilters>;
  min?: InputMaybe<FloatScalarFilters>;
  sum?: InputMaybe<FloatScalarFilters>;
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

/** Aggregates of an Int field over the entities that have it (null when none has). */
export type IntAggregateSelection = {
  __typename?: 'IntAggregateSelection';
  average: Maybe<Scalars['Float']['output']>;
  max: Maybe<Scalars['Int']['output']>;
  min: Maybe<Scalars['Int']['output']>;
  sum: Maybe<Scalars['Int']['output']>;
};

/** Filters on an aggregate of an Int field over the related entities that have it (v7); sum is 0 when none has. */
export type IntScalarAggregationFilters = {
  average?: InputMaybe<FloatScalarFilters>;
  max?: InputMaybe<IntScalarFilters>;
  min?: InputMaybe<IntScalarFilters>;
  sum?: InputMaybe<IntScalarFilters>;
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
  /** Work this leader affirmed and gave instructions on (AFFIRMED). */
  affirmed: Array<Task>;
  /** `affirmed` as a connection; each edge carries its relationship and evidence. */
  affirmedConnection: TasksConnection;
  aliases: Array<Scalars['String']['output']>;
  /**
   * What each dataset says of each plain property (every property but id, aliases and the
   * evidence): one claim per dataset per property, by field then dataset, with that dataset's
   * evidence. `field` keeps that property's claims only. The plain property shows the value of
   * the first dataset by id that gives one.
   */
  claims: Array<Claim>;
  /** The properties whose values differ between the datasets that assert this entity (sorted; empty when they agree). */
  conflicts: Array<Scalars['String']['output']>;
  /**
   * The ids of the loaded datasets that assert this entity, by id (the first gives the plain
   * properties' values).
   */
  datasets: Array<Scalars['ID']['output']>;
  /** Bodies the leader heads (LEADS) or belongs to (MEMBER_OF). */
  departments: Array<Department>;
  /** `departments` as a connection; each edge carries its relationship and evidence. */
  departmentsConnection: DepartmentsConnection;
  description: Maybe<Scalars['String']['output']>;
  /** For a group of people: how many. */
  headcount: Maybe<Scalars['Int']['output']>;
  /**
   * The changes of this entity (added, removed, changed), newest first: `limit` (default the
   * nested limit) after `offset`.
   */
  history: Array<Change>;
  id: Scalars['ID']['output'];
  /** Places this leader inspected (INSPECTED). */
  inspected: Array<Department>;
  /** `inspected` as a connection; each edge carries its relationship and evidence. */
  inspectedConnection: DepartmentsConnection;
  name: Scalars['String']['output'];
  nameEn: Maybe<Scalars['String']['output']>;
  /** Ambiguities or remarks recorded with the fact. */
  note: Maybe<Scalars['String']['output']>;
  /** Outcomes the leader achieved (ACHIEVED). */
  outcomes: Array<Outcome>;
  /** `outcomes` as a connection; each edge carries its relationship and evidence. */
  outcomesConnection: OutcomesConnection;
  /** Pilot programs the leader leads (LEADS). */
  pilotPrograms: Array<PilotProgram>;
  /** `pilotPrograms` as a connection; each edge carries its relationship and evidence. */
  pilotProgramsConnection: PilotProgramsConnection;
  /** The role as written (e.g. 领衔市级领导). */
  role: Maybe<Scalars['String']['output']>;
  sources: Array<Evidence>;
  /** Tasks the leader leads (LEADS). */
  tasks: Array<Task>;
  /** `tasks` as a connection; each edge carries its relationship and evidence. */
  tasksConnection: TasksConnection;
};


/** A named leader, a role, or a group of leaders. */
export type LeaderAffirmedArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<TaskSort>>;
  where?: InputMaybe<TaskWhere>;
};


/** A named leader, a role, or a group of leaders. */
export type LeaderAffirmedConnectionArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<TaskConnectionSort>>;
  where?: InputMaybe<TaskConnectionWhere>;
};


/** A named leader, a role, or a group of leaders. */
export type LeaderClaimsArgs = {
  field?: InputMaybe<Scalars['String']['input']>;
};


/** A named leader, a role, or a group of leaders. */
export type LeaderDepartmentsArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<DepartmentSort>>;
  where?: InputMaybe<DepartmentWhere>;
};


/** A named leader, a role, or a group of leaders. */
export type LeaderDepartmentsConnectionArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<DepartmentConnectionSort>>;
  where?: InputMaybe<DepartmentConnectionWhere>;
};


/** A named leader, a role, or a group of leaders. */
export type LeaderHistoryArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
};


/** A named leader, a role, or a group of leaders. */
export type LeaderInspectedArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<DepartmentSort>>;
  where?: InputMaybe<DepartmentWhere>;
};


/** A named leader, a role, or a group of leaders. */
export type LeaderInspectedConnectionArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<DepartmentConnectionSort>>;
  where?: InputMaybe<DepartmentConnectionWhere>;
};


/** A named leader, a role, or a group of leaders. */
export type LeaderOutcomesArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<OutcomeSort>>;
  where?: InputMaybe<OutcomeWhere>;
};


/** A named leader, a role, or a group of leaders. */
export type LeaderOutcomesConnectionArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<OutcomeConnectionSort>>;
  where?: InputMaybe<OutcomeConnectionWhere>;
};


/** A named leader, a role, or a group of leaders. */
export type LeaderPilotProgramsArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<PilotProgramSort>>;
  where?: InputMaybe<PilotProgramWhere>;
};


/** A named leader, a role, or a group of leaders. */
export type LeaderPilotProgramsConnectionArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<PilotProgramConnectionSort>>;
  where?: InputMaybe<PilotProgramConnectionWhere>;
};


/** A named leader, a role, or a group of leaders. */
export type LeaderTasksArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<TaskSort>>;
  where?: InputMaybe<TaskWhere>;
};


/** A named leader, a role, or a group of leaders. */
export type LeaderTasksConnectionArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<TaskConnectionSort>>;
  where?: InputMaybe<TaskConnectionWhere>;
};

export type LeaderAggregate = {
  __typename?: 'LeaderAggregate';
  count: Count;
  /**
   * The matching entities grouped by one field: by a scalar field's value, or by the entity at
   * the other end of a relationship field (an entity with several falls in several groups; one
   * with none in the group whose value is null). Largest groups first, then by value. At most
   * `limit` groups (default 100, at most 1000).
   */
  groupBy: Array<LeaderGroup>;
  node: LeaderAggregateNode;
};


export type LeaderAggregateGroupByArgs = {
  field: LeaderGroupField;
  limit?: InputMaybe<Scalars['Int']['input']>;
};

/** Filters on the entities related through one relationship field, as an aggregate (v7's `<field>Aggregate`). */
export type LeaderAggregateFilters = {
  AND?: InputMaybe<Array<LeaderAggregateFilters>>;
  NOT?: InputMaybe<LeaderAggregateFilters>;
  OR?: InputMaybe<Array<LeaderAggregateFilters>>;
  /** The number of distinct related entities (0 when there are none). */
  count?: InputMaybe<IntScalarFilters>;
  node?: InputMaybe<LeaderAggregateNodeFilters>;
};

export type LeaderAggregateNode = {
  __typename?: 'LeaderAggregateNode';
  description: Maybe<StringAggregateSelection>;
  headcount: Maybe<IntAggregateSelection>;
  name: Maybe<StringAggregateSelection>;
  nameEn: Maybe<StringAggregateSelection>;
  role: Maybe<StringAggregateSelection>;
};

/** Aggregates of the related entities' fields, each compared with its filters (v7's `node` in `<field>Aggregate`). */
export type LeaderAggregateNodeFilters = {
  AND?: InputMaybe<Array<LeaderAggregateNodeFilters>>;
  NOT?: InputMaybe<LeaderAggregateNodeFilters>;
  OR?: InputMaybe<Array<LeaderAggregateNodeFilters>>;
  description?: InputMaybe<StringScalarAggregationFilters>;
  headcount?: InputMaybe<IntScalarAggregationFilters>;
  name?: InputMaybe<StringScalarAggregationFilters>;
  nameEn?: InputMaybe<StringScalarAggregationFilters>;
  role?: InputMaybe<StringScalarAggregationFilters>;
};

/** Relationship filters over connection edges: `some`, `none`, `all`, `single` edge matches. */
export type LeaderConnectionFilters = {
  all?: InputMaybe<LeaderConnectionWhere>;
  none?: InputMaybe<LeaderConnectionWhere>;
  single?: InputMaybe<LeaderConnectionWhere>;
  some?: InputMaybe<LeaderConnectionWhere>;
};

/** Sort key of a relationship-field connection: on the related entity or on the relationship. */
export type LeaderConnectionSort = {
  edge?: InputMaybe<RelationshipSort>;
  node?: InputMaybe<LeaderSort>;
};

/** Filter of a relationship-field connection: on the related entity (`node`) and on the relationship (`edge`). */
export type LeaderConnectionWhere = {
  AND?: InputMaybe<Array<LeaderConnectionWhere>>;
  NOT?: InputMaybe<LeaderConnectionWhere>;
  OR?: InputMaybe<Array<LeaderConnectionWhere>>;
  edge?: InputMaybe<RelationshipWhere>;
  node?: InputMaybe<LeaderWhere>;
};

export type LeaderEdge = {
  __typename?: 'LeaderEdge';
  /** Opaque; pass it as `after` to get the edges after this one. */
  cursor: Scalars['String']['output'];
  node: Leader;
  /** The relationship and its evidence on relationship-field connections; null on root connections. */
  properties: Maybe<RelationshipProperties>;
};

/** One group of Leaders: the field's value (as text) or the related entity, and its members. */
export type LeaderGroup = {
  __typename?: 'LeaderGroup';
  /** Number of Leaders in the group. */
  count: Scalars['Int']['output'];
  /** The related entity, when grouping by a relationship field. */
  entity: Maybe<Entity>;
  /** The Leaders in the group. */
  nodes: Array<Leader>;
  /** The grouped field's value as text (an id when grouping by a relationship field); null for entities without one. */
  value: Maybe<Scalars['String']['output']>;
};


/** One group of Leaders: the field's value (as text) or the related entity, and its members. */
export type LeaderGroupNodesArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<LeaderSort>>;
};

/** Fields to group Leaders by: scalar fields, and relationship fields (grouped by the related entity). */
export type LeaderGroupField =
  | 'affirmed'
  | 'departments'
  | 'headcount'
  | 'inspected'
  | 'outcomes'
  | 'pilotPrograms'
  | 'role'
  | 'tasks';

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
  affirmed?: InputMaybe<TaskRelationshipFilters>;
  affirmedAggregate?: InputMaybe<TaskAggregateFilters>;
  affirmedConnection?: InputMaybe<TaskConnectionFilters>;
  departments?: InputMaybe<DepartmentRelationshipFilters>;
  departmentsAggregate?: InputMaybe<DepartmentAggregateFilters>;
  departmentsConnection?: InputMaybe<DepartmentConnectionFilters>;
  description?: InputMaybe<StringScalarFilters>;
  headcount?: InputMaybe<IntScalarFilters>;
  id?: InputMaybe<IdScalarFilters>;
  inspected?: InputMaybe<DepartmentRelationshipFilters>;
  inspectedAggregate?: InputMaybe<DepartmentAggregateFilters>;
  inspectedConnection?: InputMaybe<DepartmentConnectionFilters>;
  name?: InputMaybe<StringScalarFilters>;
  nameEn?: InputMaybe<StringScalarFilters>;
  outcomes?: InputMaybe<OutcomeRelationshipFilters>;
  outcomesAggregate?: InputMaybe<OutcomeAggregateFilters>;
  outcomesConnection?: InputMaybe<OutcomeConnectionFilters>;
  pilotPrograms?: InputMaybe<PilotProgramRelationshipFilters>;
  pilotProgramsAggregate?: InputMaybe<PilotProgramAggregateFilters>;
  pilotProgramsConnection?: InputMaybe<PilotProgramConnectionFilters>;
  role?: InputMaybe<StringScalarFilters>;
  tasks?: InputMaybe<TaskRelationshipFilters>;
  tasksAggregate?: InputMaybe<TaskAggregateFilters>;
  tasksConnection?: InputMaybe<TaskConnectionFilters>;
};

/** A page of Leader entities (Relay connection). */
export type LeadersConnection = {
  __typename?: 'LeadersConnection';
  /** Aggregates over all edges matching the filter (not only this page); computed only when selected. */
  aggregate: LeaderAggregate;
  edges: Array<LeaderEdge>;
  pageInfo: PageInfo;
  /** All edges matching the filter, across pages; counted only when selected. */
  totalCount: Scalars['Int']['output'];
};

/** An honour, a metric or a milestone. */
export type Outcome = Entity & {
  __typename?: 'Outcome';
  /** Who or what achieved the outcome (ACHIEVED): leaders, departments, tasks, policies, pilots. */
  achievedBy: Array<Entity>;
  /** `achievedBy` as a connection; each edge carries its relationship and evidence. */
  achievedByConnection: EntitiesConnection;
  aliases: Array<Scalars['String']['output']>;
  /**
   * What each dataset says of each plain property (every property but id, aliases and the
   * evidence): one claim per dataset per property, by field then dataset, with that dataset's
   * evidence. `field` keeps that property's claims only. The plain property shows the value of
   * the first dataset by id that gives one.
   */
  claims: Array<Claim>;
  /** The properties whose values differ between the datasets that assert this entity (sorted; empty when they agree). */
  conflicts: Array<Scalars['String']['output']>;
  /**
   * The ids of the loaded datasets that assert this entity, by id (the first gives the plain
   * properties' values).
   */
  datasets: Array<Scalars['ID']['output']>;
  description: Maybe<Scalars['String']['output']>;
  /**
   * The changes of this entity (added, removed, changed), newest first: `limit` (default the
   * nested limit) after `offset`.
   */
  history: Array<Change>;
  id: Scalars['ID']['output'];
  kind: Maybe<OutcomeKind>;
  /** What the number measures. */
  metric: Maybe<Scalars['String']['output']>;
  name: Scalars['String']['output'];
  nameEn: Maybe<Scalars['String']['output']>;
  note: Maybe<Scalars['String']['output']>;
  /** “More than” and like qualifiers written after the number (余, 多, 以上); the value is approximate. */
  qualifier: Maybe<Scalars['String']['output']>;
  /** For rankings and “first” claims: the scope (全国, 全省, 黄河流域 …). */
  scope: Maybe<Scalars['String']['output']>;
  sources: Array<Evidence>;
  /** Its unit as written (分钟, 亿元, 万吨, 项 …). */
  unit: Maybe<Scalars['String']['output']>;
  /** The unit of the figure before the change, as written (天, 个工作日). */
  unitBefore: Maybe<Scalars['String']['output']>;
  /** The number as stated. */
  value: Maybe<Scalars['Float']['output']>;
  /** The figure before the change, where the source gives one (由3天压缩为10分钟: 3). */
  valueBefore: Maybe<Scalars['Float']['output']>;
  year: Maybe<Scalars['Int']['output']>;
};


/** An honour, a metric or a milestone. */
export type OutcomeAchievedByArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  where?: InputMaybe<EntityWhere>;
};


/** An honour, a metric or a milestone. */
export type OutcomeAchievedByConnectionArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<EntityConnectionSort>>;
  where?: InputMaybe<EntityConnectionWhere>;
};


/** An honour, a metric or a milestone. */
export type OutcomeClaimsArgs = {
  field?: InputMaybe<Scalars['String']['input']>;
};


/** An honour, a metric or a milestone. */
export type OutcomeHistoryArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
};

export type OutcomeAggregate = {
  __typename?: 'OutcomeAggregate';
  count: Count;
  /**
   * The matching entities grouped by one field: by a scalar field's value, or by the entity at
   * the other end of a relationship field (an entity with several falls in several groups; one
   * with none in the group whose value is null). Largest groups first, then by value. At most
   * `limit` groups (default 100, at most 1000).
   */
  groupBy: Array<OutcomeGroup>;
  node: OutcomeAggregateNode;
};


export type OutcomeAggregateGroupByArgs = {
  field: OutcomeGroupField;
  limit?: InputMaybe<Scalars['Int']['input']>;
};

/** Filters on the entities related through one relationship field, as an aggregate (v7's `<field>Aggregate`). */
export type OutcomeAggregateFilters = {
  AND?: InputMaybe<Array<OutcomeAggregateFilters>>;
  NOT?: InputMaybe<OutcomeAggregateFilters>;
  OR?: InputMaybe<Array<OutcomeAggregateFilters>>;
  /** The number of distinct related entities (0 when there are none). */
  count?: InputMaybe<IntScalarFilters>;
  node?: InputMaybe<OutcomeAggregateNodeFilters>;
};

export type OutcomeAggregateNode = {
  __typename?: 'OutcomeAggregateNode';
  description: Maybe<StringAggregateSelection>;
  metric: Maybe<StringAggregateSelection>;
  name: Maybe<StringAggregateSelection>;
  nameEn: Maybe<StringAggregateSelection>;
  qualifier: Maybe<StringAggregateSelection>;
  scope: Maybe<StringAggregateSelection>;
  unit: Maybe<StringAggregateSelection>;
  unitBefore: Maybe<StringAggregateSelection>;
  value: Maybe<FloatAggregateSelection>;
  valueBefore: Maybe<FloatAggregateSelection>;
  year: Maybe<IntAggregateSelection>;
};

/** Aggregates of the related entities' fields, each compared with its filters (v7's `node` in `<field>Aggregate`). */
export type OutcomeAggregateNodeFilters = {
  AND?: InputMaybe<Array<OutcomeAggregateNodeFilters>>;
  NOT?: InputMaybe<OutcomeAggregateNodeFilters>;
  OR?: InputMaybe<Array<OutcomeAggregateNodeFilters>>;
  description?: InputMaybe<StringScalarAggregationFilters>;
  metric?: InputMaybe<StringScalarAggregationFilters>;
  name?: InputMaybe<StringScalarAggregationFilters>;
  nameEn?: InputMaybe<StringScalarAggregationFilters>;
  qualifier?: InputMaybe<StringScalarAggregationFilters>;
  scope?: InputMaybe<StringScalarAggregationFilters>;
  unit?: InputMaybe<StringScalarAggregationFilters>;
  unitBefore?: InputMaybe<StringScalarAggregationFilters>;
  value?: InputMaybe<FloatScalarAggregationFilters>;
  valueBefore?: InputMaybe<FloatScalarAggregationFilters>;
  year?: InputMaybe<IntScalarAggregationFilters>;
};

/** Relationship filters over connection edges: `some`, `none`, `all`, `single` edge matches. */
export type OutcomeConnectionFilters = {
  all?: InputMaybe<OutcomeConnectionWhere>;
  none?: InputMaybe<OutcomeConnectionWhere>;
  single?: InputMaybe<OutcomeConnectionWhere>;
  some?: InputMaybe<OutcomeConnectionWhere>;
};

/** Sort key of a relationship-field connection: on the related entity or on the relationship. */
export type OutcomeConnectionSort = {
  edge?: InputMaybe<RelationshipSort>;
  node?: InputMaybe<OutcomeSort>;
};

/** Filter of a relationship-field connection: on the related entity (`node`) and on the relationship (`edge`). */
export type OutcomeConnectionWhere = {
  AND?: InputMaybe<Array<OutcomeConnectionWhere>>;
  NOT?: InputMaybe<OutcomeConnectionWhere>;
  OR?: InputMaybe<Array<OutcomeConnectionWhere>>;
  edge?: InputMaybe<RelationshipWhere>;
  node?: InputMaybe<OutcomeWhere>;
};

export type OutcomeEdge = {
  __typename?: 'OutcomeEdge';
  /** Opaque; pass it as `after` to get the edges after this one. */
  cursor: Scalars['String']['output'];
  node: Outcome;
  /** The relationship and its evidence on relationship-field connections; null on root connections. */
  properties: Maybe<RelationshipProperties>;
};

/** One group of Outcomes: the field's value (as text) or the related entity, and its members. */
export type OutcomeGroup = {
  __typename?: 'OutcomeGroup';
  /** Number of Outcomes in the group. */
  count: Scalars['Int']['output'];
  /** The related entity, when grouping by a relationship field. */
  entity: Maybe<Entity>;
  /** The Outcomes in the group. */
  nodes: Array<Outcome>;
  /** The grouped field's value as text (an id when grouping by a relationship field); null for entities without one. */
  value: Maybe<Scalars['String']['output']>;
};


/** One group of Outcomes: the field's value (as text) or the related entity, and its members. */
export type OutcomeGroupNodesArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<OutcomeSort>>;
};

/** Fields to group Outcomes by: scalar fields, and relationship fields (grouped by the related entity). */
export type OutcomeGroupField =
  | 'achievedBy'
  | 'kind'
  | 'metric'
  | 'qualifier'
  | 'scope'
  | 'unit'
  | 'unitBefore'
  | 'value'
  | 'valueBefore'
  | 'year';

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
  qualifier?: InputMaybe<SortDirection>;
  scope?: InputMaybe<SortDirection>;
  unit?: InputMaybe<SortDirection>;
  unitBefore?: InputMaybe<SortDirection>;
  value?: InputMaybe<SortDirection>;
  valueBefore?: InputMaybe<SortDirection>;
  year?: InputMaybe<SortDirection>;
};

export type OutcomeWhere = {
  AND?: InputMaybe<Array<OutcomeWhere>>;
  NOT?: InputMaybe<OutcomeWhere>;
  OR?: InputMaybe<Array<OutcomeWhere>>;
  achievedBy?: InputMaybe<EntityRelationshipFilters>;
  achievedByAggregate?: InputMaybe<EntityAggregateFilters>;
  achievedByConnection?: InputMaybe<EntityConnectionFilters>;
  description?: InputMaybe<StringScalarFilters>;
  id?: InputMaybe<IdScalarFilters>;
  kind?: InputMaybe<OutcomeKindEnumScalarFilters>;
  metric?: InputMaybe<StringScalarFilters>;
  name?: InputMaybe<StringScalarFilters>;
  nameEn?: InputMaybe<StringScalarFilters>;
  qualifier?: InputMaybe<StringScalarFilters>;
  scope?: InputMaybe<StringScalarFilters>;
  unit?: InputMaybe<StringScalarFilters>;
  unitBefore?: InputMaybe<StringScalarFilters>;
  value?: InputMaybe<FloatScalarFilters>;
  valueBefore?: InputMaybe<FloatScalarFilters>;
  year?: InputMaybe<IntScalarFilters>;
};

/** A page of Outcome entities (Relay connection). */
export type OutcomesConnection = {
  __typename?: 'OutcomesConnection';
  /** Aggregates over all edges matching the filter (not only this page); computed only when selected. */
  aggregate: OutcomeAggregate;
  edges: Array<OutcomeEdge>;
  pageInfo: PageInfo;
  /** All edges matching the filter, across pages; counted only when selected. */
  totalCount: Scalars['Int']['output'];
};

/** Relay page information. */
export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
  hasPreviousPage: Scalars['Boolean']['output'];
  startCursor: Maybe<Scalars['String']['output']>;
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
  /**
   * What each dataset says of each plain property (every property but id, aliases and the
   * evidence): one claim per dataset per property, by field then dataset, with that dataset's
   * evidence. `field` keeps that property's claims only. The plain property shows the value of
   * the first dataset by id that gives one.
   */
  claims: Array<Claim>;
  /** The properties whose values differ between the datasets that assert this entity (sorted; empty when they agree). */
  conflicts: Array<Scalars['String']['output']>;
  /**
   * The ids of the loaded datasets that assert this entity, by id (the first gives the plain
   * properties' values).
   */
  datasets: Array<Scalars['ID']['output']>;
  /** Bodies that run the pilot (RUNS). */
  departments: Array<Department>;
  /** `departments` as a connection; each edge carries its relationship and evidence. */
  departmentsConnection: DepartmentsConnection;
  description: Maybe<Scalars['String']['output']>;
  /**
   * The changes of this entity (added, removed, changed), newest first: `limit` (default the
   * nested limit) after `offset`.
   */
  history: Array<Change>;
  id: Scalars['ID']['output'];
  /** Leaders who lead the pilot (LEADS). */
  leaders: Array<Leader>;
  /** `leaders` as a connection; each edge carries its relationship and evidence. */
  leadersConnection: LeadersConnection;
  level: Maybe<PilotLevel>;
  name: Scalars['String']['output'];
  nameEn: Maybe<Scalars['String']['output']>;
  note: Maybe<Scalars['String']['output']>;
  /** Outcomes the pilot achieved (ACHIEVED). */
  outcomes: Array<Outcome>;
  /** `outcomes` as a connection; each edge carries its relationship and evidence. */
  outcomesConnection: OutcomesConnection;
  /** Policies the pilot implements (IMPLEMENTS). */
  policies: Array<Policy>;
  /** `policies` as a connection; each edge carries its relationship and evidence. */
  policiesConnection: PoliciesConnection;
  sources: Array<Evidence>;
  status: Maybe<PilotStatus>;
  /** Bodies that support the pilot (SUPPORTS). */
  supportedBy: Array<Department>;
  /** `supportedBy` as a connection; each edge carries its relationship and evidence. */
  supportedByConnection: DepartmentsConnection;
  /** Reform tasks the pilot belongs to (PART_OF). */
  tasks: Array<Task>;
  /** `tasks` as a connection; each edge carries its relationship and evidence. */
  tasksConnection: TasksConnection;
};


/** A pilot program or experimental zone. */
export type PilotProgramClaimsArgs = {
  field?: InputMaybe<Scalars['String']['input']>;
};


/** A pilot program or experimental zone. */
export type PilotProgramDepartmentsArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<DepartmentSort>>;
  where?: InputMaybe<DepartmentWhere>;
};


/** A pilot program or experimental zone. */
export type PilotProgramDepartmentsConnectionArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<DepartmentConnectionSort>>;
  where?: InputMaybe<DepartmentConnectionWhere>;
};


/** A pilot program or experimental zone. */
export type PilotProgramHistoryArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
};


/** A pilot program or experimental zone. */
export type PilotProgramLeadersArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<LeaderSort>>;
  where?: InputMaybe<LeaderWhere>;
};


/** A pilot program or experimental zone. */
export type PilotProgramLeadersConnectionArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<LeaderConnectionSort>>;
  where?: InputMaybe<LeaderConnectionWhere>;
};


/** A pilot program or experimental zone. */
export type PilotProgramOutcomesArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<OutcomeSort>>;
  where?: InputMaybe<OutcomeWhere>;
};


/** A pilot program or experimental zone. */
export type PilotProgramOutcomesConnectionArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<OutcomeConnectionSort>>;
  where?: InputMaybe<OutcomeConnectionWhere>;
};


/** A pilot program or experimental zone. */
export type PilotProgramPoliciesArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<PolicySort>>;
  where?: InputMaybe<PolicyWhere>;
};


/** A pilot program or experimental zone. */
export type PilotProgramPoliciesConnectionArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<PolicyConnectionSort>>;
  where?: InputMaybe<PolicyConnectionWhere>;
};


/** A pilot program or experimental zone. */
export type PilotProgramSupportedByArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<DepartmentSort>>;
  where?: InputMaybe<DepartmentWhere>;
};


/** A pilot program or experimental zone. */
export type PilotProgramSupportedByConnectionArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<DepartmentConnectionSort>>;
  where?: InputMaybe<DepartmentConnectionWhere>;
};


/** A pilot program or experimental zone. */
export type PilotProgramTasksArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<TaskSort>>;
  where?: InputMaybe<TaskWhere>;
};


/** A pilot program or experimental zone. */
export type PilotProgramTasksConnectionArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<TaskConnectionSort>>;
  where?: InputMaybe<TaskConnectionWhere>;
};

export type PilotProgramAggregate = {
  __typename?: 'PilotProgramAggregate';
  count: Count;
  /**
   * The matching entities grouped by one field: by a scalar field's value, or by the entity at
   * the other end of a relationship field (an entity with several falls in several groups; one
   * with none in the group whose value is null). Largest groups first, then by value. At most
   * `limit` groups (default 100, at most 1000).
   */
  groupBy: Array<PilotProgramGroup>;
  node: PilotProgramAggregateNode;
};


export type PilotProgramAggregateGroupByArgs = {
  field: PilotProgramGroupField;
  limit?: InputMaybe<Scalars['Int']['input']>;
};

/** Filters on the entities related through one relationship field, as an aggregate (v7's `<field>Aggregate`). */
export type PilotProgramAggregateFilters = {
  AND?: InputMaybe<Array<PilotProgramAggregateFilters>>;
  NOT?: InputMaybe<PilotProgramAggregateFilters>;
  OR?: InputMaybe<Array<PilotProgramAggregateFilters>>;
  /** The number of distinct related entities (0 when there are none). */
  count?: InputMaybe<IntScalarFilters>;
  node?: InputMaybe<PilotProgramAggregateNodeFilters>;
};

export type PilotProgramAggregateNode = {
  __typename?: 'PilotProgramAggregateNode';
  description: Maybe<StringAggregateSelection>;
  name: Maybe<StringAggregateSelection>;
  nameEn: Maybe<StringAggregateSelection>;
};

/** Aggregates of the related entities' fields, each compared with its filters (v7's `node` in `<field>Aggregate`). */
export type PilotProgramAggregateNodeFilters = {
  AND?: InputMaybe<Array<PilotProgramAggregateNodeFilters>>;
  NOT?: InputMaybe<PilotProgramAggregateNodeFilters>;
  OR?: InputMaybe<Array<PilotProgramAggregateNodeFilters>>;
  description?: InputMaybe<StringScalarAggregationFilters>;
  name?: InputMaybe<StringScalarAggregationFilters>;
  nameEn?: InputMaybe<StringScalarAggregationFilters>;
};

/** Relationship filters over connection edges: `some`, `none`, `all`, `single` edge matches. */
export type PilotProgramConnectionFilters = {
  all?: InputMaybe<PilotProgramConnectionWhere>;
  none?: InputMaybe<PilotProgramConnectionWhere>;
  single?: InputMaybe<PilotProgramConnectionWhere>;
  some?: InputMaybe<PilotProgramConnectionWhere>;
};

/** Sort key of a relationship-field connection: on the related entity or on the relationship. */
export type PilotProgramConnectionSort = {
  edge?: InputMaybe<RelationshipSort>;
  node?: InputMaybe<PilotProgramSort>;
};

/** Filter of a relationship-field connection: on the related entity (`node`) and on the relationship (`edge`). */
export type PilotProgramConnectionWhere = {
  AND?: InputMaybe<Array<PilotProgramConnectionWhere>>;
  NOT?: InputMaybe<PilotProgramConnectionWhere>;
  OR?: InputMaybe<Array<PilotProgramConnectionWhere>>;
  edge?: InputMaybe<RelationshipWhere>;
  node?: InputMaybe<PilotProgramWhere>;
};

export type PilotProgramEdge = {
  __typename?: 'PilotProgramEdge';
  /** Opaque; pass it as `after` to get the edges after this one. */
  cursor: Scalars['String']['output'];
  node: PilotProgram;
  /** The relationship and its evidence on relationship-field connections; null on root connections. */
  properties: Maybe<RelationshipProperties>;
};

/** One group of PilotPrograms: the field's value (as text) or the related entity, and its members. */
export type PilotProgramGroup = {
  __typename?: 'PilotProgramGroup';
  /** Number of PilotPrograms in the group. */
  count: Scalars['Int']['output'];
  /** The related entity, when grouping by a relationship field. */
  entity: Maybe<Entity>;
  /** The PilotPrograms in the group. */
  nodes: Array<PilotProgram>;
  /** The grouped field's value as text (an id when grouping by a relationship field); null for entities without one. */
  value: Maybe<Scalars['String']['output']>;
};


/** One group of PilotPrograms: the field's value (as text) or the related entity, and its members. */
export type PilotProgramGroupNodesArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<PilotProgramSort>>;
};

/** Fields to group PilotPrograms by: scalar fields, and relationship fields (grouped by the related entity). */
export type PilotProgramGroupField =
  | 'departments'
  | 'leaders'
  | 'level'
  | 'outcomes'
  | 'policies'
  | 'status'
  | 'supportedBy'
  | 'tasks';

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
  departmentsAggregate?: InputMaybe<DepartmentAggregateFilters>;
  departmentsConnection?: InputMaybe<DepartmentConnectionFilters>;
  description?: InputMaybe<StringScalarFilters>;
  id?: InputMaybe<IdScalarFilters>;
  leaders?: InputMaybe<LeaderRelationshipFilters>;
  leadersAggregate?: InputMaybe<LeaderAggregateFilters>;
  leadersConnection?: InputMaybe<LeaderConnectionFilters>;
  level?: InputMaybe<PilotLevelEnumScalarFilters>;
  name?: InputMaybe<StringScalarFilters>;
  nameEn?: InputMaybe<StringScalarFilters>;
  outcomes?: InputMaybe<OutcomeRelationshipFilters>;
  outcomesAggregate?: InputMaybe<OutcomeAggregateFilters>;
  outcomesConnection?: InputMaybe<OutcomeConnectionFilters>;
  policies?: InputMaybe<PolicyRelationshipFilters>;
  policiesAggregate?: InputMaybe<PolicyAggregateFilters>;
  policiesConnection?: InputMaybe<PolicyConnectionFilters>;
  status?: InputMaybe<PilotStatusEnumScalarFilters>;
  supportedBy?: InputMaybe<DepartmentRelationshipFilters>;
  supportedByAggregate?: InputMaybe<DepartmentAggregateFilters>;
  supportedByConnection?: InputMaybe<DepartmentConnectionFilters>;
  tasks?: InputMaybe<TaskRelationshipFilters>;
  tasksAggregate?: InputMaybe<TaskAggregateFilters>;
  tasksConnection?: InputMaybe<TaskConnectionFilters>;
};

/** A page of PilotProgram entities (Relay connection). */
export type PilotProgramsConnection = {
  __typename?: 'PilotProgramsConnection';
  /** Aggregates over all edges matching the filter (not only this page); computed only when selected. */
  aggregate: PilotProgramAggregate;
  edges: Array<PilotProgramEdge>;
  pageInfo: PageInfo;
  /** All edges matching the filter, across pages; counted only when selected. */
  totalCount: Scalars['Int']['output'];
};

export type PilotStatus =
  | 'ACTIVE'
  | 'APPROVED'
  | 'COMPLETED';

export type PilotStatusEnumScalarFilters = {
  eq?: InputMaybe<PilotStatus>;
  in?: InputMaybe<Array<PilotStatus>>;
};

/** A page of Policy entities (Relay connection). */
export type PoliciesConnection = {
  __typename?: 'PoliciesConnection';
  /** Aggregates over all edges matching the filter (not only this page); computed only when selected. */
  aggregate: PolicyAggregate;
  edges: Array<PolicyEdge>;
  pageInfo: PageInfo;
  /** All edges matching the filter, across pages; counted only when selected. */
  totalCount: Scalars['Int']['output'];
};

/** A titled plan, regulation, rule, mechanism or system. */
export type Policy = Entity & {
  __typename?: 'Policy';
  aliases: Array<Scalars['String']['output']>;
  /**
   * What each dataset says of each plain property (every property but id, aliases and the
   * evidence): one claim per dataset per property, by field then dataset, with that dataset's
   * evidence. `field` keeps that property's claims only. The plain property shows the value of
   * the first dataset by id that gives one.
   */
  claims: Array<Claim>;
  /** Bodies that are components of this work system (COMPONENT_OF). */
  components: Array<Department>;
  /** `components` as a connection; each edge carries its relationship and evidence. */
  componentsConnection: DepartmentsConnection;
  /** The properties whose values differ between the datasets that assert this entity (sorted; empty when they agree). */
  conflicts: Array<Scalars['String']['output']>;
  /**
   * The ids of the loaded datasets that assert this entity, by id (the first gives the plain
   * properties' values).
   */
  datasets: Array<Scalars['ID']['output']>;
  description: Maybe<Scalars['String']['output']>;
  /**
   * The changes of this entity (added, removed, changed), newest first: `limit` (default the
   * nested limit) after `offset`.
   */
  history: Array<Change>;
  id: Scalars['ID']['output'];
  /** Bodies that implement the policy (IMPLEMENTS). */
  implementedBy: Array<Department>;
  /** `implementedBy` as a connection; each edge carries its relationship and evidence. */
  implementedByConnection: DepartmentsConnection;
  /** Bodies that issued the policy (ISSUED). */
  issuedBy: Array<Department>;
  /** `issuedBy` as a connection; each edge carries its relationship and evidence. */
  issuedByConnection: DepartmentsConnection;
  kind: Maybe<PolicyKind>;
  name: Scalars['String']['output'];
  nameEn: Maybe<Scalars['String']['output']>;
  note: Maybe<Scalars['String']['output']>;
  /** Outcomes the policy achieved (ACHIEVED). */
  outcomes: Array<Outcome>;
  /** `outcomes` as a connection; each edge carries its relationship and evidence. */
  outcomesConnection: OutcomesConnection;
  /** The policy (system) this one is part of (PART_OF). */
  parent: Maybe<Policy>;
  /** `parent` as a connection; each edge carries its relationship and evidence. */
  parentConnection: PoliciesConnection;
  /** Policies that are part of this one (PART_OF). */
  parts: Array<Policy>;
  /** `parts` as a connection; each edge carries its relationship and evidence. */
  partsConnection: PoliciesConnection;
  /** Pilot programs that implement the policy (IMPLEMENTS). */
  pilotPrograms: Array<PilotProgram>;
  /** `pilotPrograms` as a connection; each edge carries its relationship and evidence. */
  pilotProgramsConnection: PilotProgramsConnection;
  sources: Array<Evidence>;
  /** Tasks that implement the policy (IMPLEMENTS). */
  tasks: Array<Task>;
  /** `tasks` as a connection; each edge carries its relationship and evidence. */
  tasksConnection: TasksConnection;
  /** The formal title where the source gives one. */
  title: Maybe<Scalars['String']['output']>;
};


/** A titled plan, regulation, rule, mechanism or system. */
export type PolicyClaimsArgs = {
  field?: InputMaybe<Scalars['String']['input']>;
};


/** A titled plan, regulation, rule, mechanism or system. */
export type PolicyComponentsArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<DepartmentSort>>;
  where?: InputMaybe<DepartmentWhere>;
};


/** A titled plan, regulation, rule, mechanism or system. */
export type PolicyComponentsConnectionArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<DepartmentConnectionSort>>;
  where?: InputMaybe<DepartmentConnectionWhere>;
};


/** A titled plan, regulation, rule, mechanism or system. */
export type PolicyHistoryArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
};


/** A titled plan, regulation, rule, mechanism or system. */
export type PolicyImplementedByArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<DepartmentSort>>;
  where?: InputMaybe<DepartmentWhere>;
};


/** A titled plan, regulation, rule, mechanism or system. */
export type PolicyImplementedByConnectionArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<DepartmentConnectionSort>>;
  where?: InputMaybe<DepartmentConnectionWhere>;
};


/** A titled plan, regulation, rule, mechanism or system. */
export type PolicyIssuedByArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<DepartmentSort>>;
  where?: InputMaybe<DepartmentWhere>;
};


/** A titled plan, regulation, rule, mechanism or system. */
export type PolicyIssuedByConnectionArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<DepartmentConnectionSort>>;
  where?: InputMaybe<DepartmentConnectionWhere>;
};


/** A titled plan, regulation, rule, mechanism or system. */
export type PolicyOutcomesArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<OutcomeSort>>;
  where?: InputMaybe<OutcomeWhere>;
};


/** A titled plan, regulation, rule, mechanism or system. */
export type PolicyOutcomesConnectionArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<OutcomeConnectionSort>>;
  where?: InputMaybe<OutcomeConnectionWhere>;
};


/** A titled plan, regulation, rule, mechanism or system. */
export type PolicyParentConnectionArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<PolicyConnectionSort>>;
  where?: InputMaybe<PolicyConnectionWhere>;
};


/** A titled plan, regulation, rule, mechanism or system. */
export type PolicyPartsArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<PolicySort>>;
  where?: InputMaybe<PolicyWhere>;
};


/** A titled plan, regulation, rule, mechanism or system. */
export type PolicyPartsConnectionArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<PolicyConnectionSort>>;
  where?: InputMaybe<PolicyConnectionWhere>;
};


/** A titled plan, regulation, rule, mechanism or system. */
export type PolicyPilotProgramsArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<PilotProgramSort>>;
  where?: InputMaybe<PilotProgramWhere>;
};


/** A titled plan, regulation, rule, mechanism or system. */
export type PolicyPilotProgramsConnectionArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<PilotProgramConnectionSort>>;
  where?: InputMaybe<PilotProgramConnectionWhere>;
};


/** A titled plan, regulation, rule, mechanism or system. */
export type PolicyTasksArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<TaskSort>>;
  where?: InputMaybe<TaskWhere>;
};


/** A titled plan, regulation, rule, mechanism or system. */
export type PolicyTasksConnectionArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<TaskConnectionSort>>;
  where?: InputMaybe<TaskConnectionWhere>;
};

export type PolicyAggregate = {
  __typename?: 'PolicyAggregate';
  count: Count;
  /**
   * The matching entities grouped by one field: by a scalar field's value, or by the entity at
   * the other end of a relationship field (an entity with several falls in several groups; one
   * with none in the group whose value is null). Largest groups first, then by value. At most
   * `limit` groups (default 100, at most 1000).
   */
  groupBy: Array<PolicyGroup>;
  node: PolicyAggregateNode;
};


export type PolicyAggregateGroupByArgs = {
  field: PolicyGroupField;
  limit?: InputMaybe<Scalars['Int']['input']>;
};

/** Filters on the entities related through one relationship field, as an aggregate (v7's `<field>Aggregate`). */
export type PolicyAggregateFilters = {
  AND?: InputMaybe<Array<PolicyAggregateFilters>>;
  NOT?: InputMaybe<PolicyAggregateFilters>;
  OR?: InputMaybe<Array<PolicyAggregateFilters>>;
  /** The number of distinct related entities (0 when there are none). */
  count?: InputMaybe<IntScalarFilters>;
  node?: InputMaybe<PolicyAggregateNodeFilters>;
};

export type PolicyAggregateNode = {
  __typename?: 'PolicyAggregateNode';
  description: Maybe<StringAggregateSelection>;
  name: Maybe<StringAggregateSelection>;
  nameEn: Maybe<StringAggregateSelection>;
  title: Maybe<StringAggregateSelection>;
};

/** Aggregates of the related entities' fields, each compared with its filters (v7's `node` in `<field>Aggregate`). */
export type PolicyAggregateNodeFilters = {
  AND?: InputMaybe<Array<PolicyAggregateNodeFilters>>;
  NOT?: InputMaybe<PolicyAggregateNodeFilters>;
  OR?: InputMaybe<Array<PolicyAggregateNodeFilters>>;
  description?: InputMaybe<StringScalarAggregationFilters>;
  name?: InputMaybe<StringScalarAggregationFilters>;
  nameEn?: InputMaybe<StringScalarAggregationFilters>;
  title?: InputMaybe<StringScalarAggregationFilters>;
};

/** Relationship filters over connection edges: `some`, `none`, `all`, `single` edge matches. */
export type PolicyConnectionFilters = {
  all?: InputMaybe<PolicyConnectionWhere>;
  none?: InputMaybe<PolicyConnectionWhere>;
  single?: InputMaybe<PolicyConnectionWhere>;
  some?: InputMaybe<PolicyConnectionWhere>;
};

/** Sort key of a relationship-field connection: on the related entity or on the relationship. */
export type PolicyConnectionSort = {
  edge?: InputMaybe<RelationshipSort>;
  node?: InputMaybe<PolicySort>;
};

/** Filter of a relationship-field connection: on the related entity (`node`) and on the relationship (`edge`). */
export type PolicyConnectionWhere = {
  AND?: InputMaybe<Array<PolicyConnectionWhere>>;
  NOT?: InputMaybe<PolicyConnectionWhere>;
  OR?: InputMaybe<Array<PolicyConnectionWhere>>;
  edge?: InputMaybe<RelationshipWhere>;
  node?: InputMaybe<PolicyWhere>;
};

export type PolicyEdge = {
  __typename?: 'PolicyEdge';
  /** Opaque; pass it as `after` to get the edges after this one. */
  cursor: Scalars['String']['output'];
  node: Policy;
  /** The relationship and its evidence on relationship-field connections; null on root connections. */
  properties: Maybe<RelationshipProperties>;
};

/** One group of Policies: the field's value (as text) or the related entity, and its members. */
export type PolicyGroup = {
  __typename?: 'PolicyGroup';
  /** Number of Policies in the group. */
  count: Scalars['Int']['output'];
  /** The related entity, when grouping by a relationship field. */
  entity: Maybe<Entity>;
  /** The Policies in the group. */
  nodes: Array<Policy>;
  /** The grouped field's value as text (an id when grouping by a relationship field); null for entities without one. */
  value: Maybe<Scalars['String']['output']>;
};


/** One group of Policies: the field's value (as text) or the related entity, and its members. */
export type PolicyGroupNodesArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<PolicySort>>;
};

/** Fields to group Policies by: scalar fields, and relationship fields (grouped by the related entity). */
export type PolicyGroupField =
  | 'components'
  | 'implementedBy'
  | 'issuedBy'
  | 'kind'
  | 'outcomes'
  | 'parent'
  | 'parts'
  | 'pilotPrograms'
  | 'tasks'
  | 'title';

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
  components?: InputMaybe<DepartmentRelationshipFilters>;
  componentsAggregate?: InputMaybe<DepartmentAggregateFilters>;
  componentsConnection?: InputMaybe<DepartmentConnectionFilters>;
  description?: InputMaybe<StringScalarFilters>;
  id?: InputMaybe<IdScalarFilters>;
  implementedBy?: InputMaybe<DepartmentRelationshipFilters>;
  implementedByAggregate?: InputMaybe<DepartmentAggregateFilters>;
  implementedByConnection?: InputMaybe<DepartmentConnectionFilters>;
  issuedBy?: InputMaybe<DepartmentRelationshipFilters>;
  issuedByAggregate?: InputMaybe<DepartmentAggregateFilters>;
  issuedByConnection?: InputMaybe<DepartmentConnectionFilters>;
  kind?: InputMaybe<PolicyKindEnumScalarFilters>;
  name?: InputMaybe<StringScalarFilters>;
  nameEn?: InputMaybe<StringScalarFilters>;
  outcomes?: InputMaybe<OutcomeRelationshipFilters>;
  outcomesAggregate?: InputMaybe<OutcomeAggregateFilters>;
  outcomesConnection?: InputMaybe<OutcomeConnectionFilters>;
  parent?: InputMaybe<PolicyRelationshipFilters>;
  parentAggregate?: InputMaybe<PolicyAggregateFilters>;
  parentConnection?: InputMaybe<PolicyConnectionFilters>;
  parts?: InputMaybe<PolicyRelationshipFilters>;
  partsAggregate?: InputMaybe<PolicyAggregateFilters>;
  partsConnection?: InputMaybe<PolicyConnectionFilters>;
  pilotPrograms?: InputMaybe<PilotProgramRelationshipFilters>;
  pilotProgramsAggregate?: InputMaybe<PilotProgramAggregateFilters>;
  pilotProgramsConnection?: InputMaybe<PilotProgramConnectionFilters>;
  tasks?: InputMaybe<TaskRelationshipFilters>;
  tasksAggregate?: InputMaybe<TaskAggregateFilters>;
  tasksConnection?: InputMaybe<TaskConnectionFilters>;
  title?: InputMaybe<StringScalarFilters>;
};

export type Query = {
  __typename?: 'Query';
  /**
   * What changed between two data versions: the changes with `since` < version <= `until`
   * (default and at most the current version), of `dataset` when given, by version, then kind
   * (entities first), then key. A negative version or `since` greater than `until` is
   * BAD_USER_INPUT.
   */
  changes: Array<Change>;
  /**
   * The entities whose datasets disagree on a property (a conflicting claim; see
   * `Entity.conflicts` and `Entity.claims`), by id, of `type` when given.
   */
  conflicts: Array<Entity>;
  /** The data version the graph is at (every response also carries it in `extensions.dataVersion`). */
  dataVersion: DataVersion;
  /** The loaded datasets, by id. */
  datasets: Array<Dataset>;
  /** Departments: party and government bodies, special groups, bureaus, enterprises, universities … */
  departments: Array<Department>;
  /** Departments as a Relay connection: `first` (default 100, at most 1000) edges after the cursor `after`. */
  departmentsConnection: DepartmentsConnection;
  /** The source documents every piece of evidence points into. */
  documents: Array<Document>;
  /** Documents as a Relay connection: `first` (default 100, at most 1000) edges after the cursor `after`. */
  documentsConnection: DocumentsConnection;
  /** One entity of any type by its id (e.g. `task/provincial-key-tasks`); null when no entity has that id. */
  entity: Maybe<Entity>;
  /** Leaders (named people, roles, or groups of leaders with a headcount). */
  leaders: Array<Leader>;
  /** Leaders as a Relay connection: `first` (default 100, at most 1000) edges after the cursor `after`. */
  leadersConnection: LeadersConnection;
  /**
   * The entities within `depth` hops of `id` (default 1, at most 3) and the relationships among
   * them, for graph views. At most `limit` nodes besides the centre (default 100, at most 500).
   * `relationshipTypes` restricts the relationships followed and returned (names as in
   * `Relationship.type`; an unknown name is BAD_USER_INPUT).
   */
  neighborhood: Subgraph;
  /** Outcomes: honours, metrics (a number with its unit) and milestones. */
  outcomes: Array<Outcome>;
  /** Outcomes as a Relay connection: `first` (default 100, at most 1000) edges after the cursor `after`. */
  outcomesConnection: OutcomesConnection;
  /**
   * The shortest paths between two entities, shortest first (then by the ids along them),
   * ignoring direction and never visiting an entity twice, with at most `maxHops` relationships
   * (default 4, at most 6; more is BAD_USER_INPUT). At most `limit` paths (default 10, at most
   * 100). `relationshipTypes` restricts the relationship types a path may use.
   */
  paths: Array<Path>;
  /** Pilot programs and experimental zones. */
  pilotPrograms: Array<PilotProgram>;
  /** PilotPrograms as a Relay connection: `first` (default 100, at most 1000) edges after the cursor `after`. */
  pilotProgramsConnection: PilotProgramsConnection;
  /** Policies: titled plans, regulations, rules, mechanisms and systems. */
  policies: Array<Policy>;
  /** Policies as a Relay connection: `first` (default 100, at most 1000) edges after the cursor `after`. */
  policiesConnection: PoliciesConnection;
  /**
   * Full-text search over names, English names, aliases and descriptions (Chinese with the
   * `cjk` analyzer). Hits come best first; `types` restricts the entity types. `limit`
   * defaults to 20 (at most 100). Lucene syntax in `query` is treated as plain text.
   * A single Chinese character, the start of a word (`ccu`, `Sheng`) and the start of a name
   * (`碳`, `胜利`) find the entities that hold them; an entity whose name, English name or
   * alias is the query comes first, then those that begin with it, hold it, or hold it in
   * their description; full-text relevance orders the rest (longer queries whose words are
   * spread out).
   */
  search: Array<SearchHit>;
  /**
   * The hits of `search` one page at a time, with how many there are in all: `first` (default
   * 20, at most 100) hits after the cursor `after`, in the order of `search`.
   */
  searchConnection: SearchConnection;
  /** Counts of entities and relationships per type. */
  stats: Stats;
  /** Tasks: reform areas, their sub-tasks, key items, measures and campaigns. */
  tasks: Array<Task>;
  /** Tasks as a Relay connection: `first` (default 100, at most 1000) edges after the cursor `after`. */
  tasksConnection: TasksConnection;
};


export type QueryChangesArgs = {
  dataset?: InputMaybe<Scalars['ID']['input']>;
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  since: Scalars['Int']['input'];
  until?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryConflictsArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  type?: InputMaybe<EntityType>;
};


export type QueryDepartmentsArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<DepartmentSort>>;
  where?: InputMaybe<DepartmentWhere>;
};


export type QueryDepartmentsConnectionArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<DepartmentSort>>;
  where?: InputMaybe<DepartmentWhere>;
};


export type QueryDocumentsArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<DocumentSort>>;
  where?: InputMaybe<DocumentWhere>;
};


export type QueryDocumentsConnectionArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
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


export type QueryLeadersConnectionArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<LeaderSort>>;
  where?: InputMaybe<LeaderWhere>;
};


export type QueryNeighborhoodArgs = {
  depth?: InputMaybe<Scalars['Int']['input']>;
  id: Scalars['ID']['input'];
  limit?: InputMaybe<Scalars['Int']['input']>;
  relationshipTypes?: InputMaybe<Array<Scalars['String']['input']>>;
};


export type QueryOutcomesArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<OutcomeSort>>;
  where?: InputMaybe<OutcomeWhere>;
};


export type QueryOutcomesConnectionArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<OutcomeSort>>;
  where?: InputMaybe<OutcomeWhere>;
};


export type QueryPathsArgs = {
  from: Scalars['ID']['input'];
  limit?: InputMaybe<Scalars['Int']['input']>;
  maxHops?: InputMaybe<Scalars['Int']['input']>;
  relationshipTypes?: InputMaybe<Array<Scalars['String']['input']>>;
  to: Scalars['ID']['input'];
};


export type QueryPilotProgramsArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<PilotProgramSort>>;
  where?: InputMaybe<PilotProgramWhere>;
};


export type QueryPilotProgramsConnectionArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<PilotProgramSort>>;
  where?: InputMaybe<PilotProgramWhere>;
};


export type QueryPoliciesArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<PolicySort>>;
  where?: InputMaybe<PolicyWhere>;
};


export type QueryPoliciesConnectionArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<PolicySort>>;
  where?: InputMaybe<PolicyWhere>;
};


export type QuerySearchArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  query: Scalars['String']['input'];
  types?: InputMaybe<Array<EntityType>>;
};


export type QuerySearchConnectionArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  query: Scalars['String']['input'];
  types?: InputMaybe<Array<EntityType>>;
};


export type QueryTasksArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<TaskSort>>;
  where?: InputMaybe<TaskWhere>;
};


export type QueryTasksConnectionArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
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
  /** LEADS, MEMBER_OF, RESPONSIBLE_FOR, PART_OF, IMPLEMENTS, RUNS, ACHIEVED, ISSUED, SUPPORTS, ESTABLISHED, COMPONENT_OF, INSPECTED, AFFIRMED. */
  type: Scalars['String']['output'];
};

/** The relationship behind an edge of a relationship-field connection, with its evidence. */
export type RelationshipProperties = {
  __typename?: 'RelationshipProperties';
  /** False when the source states the relationship, true when it only clearly implies it. */
  implied: Scalars['Boolean']['output'];
  note: Maybe<Scalars['String']['output']>;
  sources: Array<Evidence>;
  /** LEADS, MEMBER_OF, RESPONSIBLE_FOR, PART_OF, IMPLEMENTS, RUNS, ACHIEVED, ISSUED, SUPPORTS, ESTABLISHED, COMPONENT_OF, INSPECTED, AFFIRMED. */
  type: Scalars['String']['output'];
};

/** Sort on the relationship of an edge. */
export type RelationshipSort = {
  implied?: InputMaybe<SortDirection>;
  type?: InputMaybe<SortDirection>;
};

/** Relationship types: LEADS, MEMBER_OF, RESPONSIBLE_FOR, PART_OF, IMPLEMENTS, RUNS, ACHIEVED, ISSUED, SUPPORTS, ESTABLISHED, COMPONENT_OF, INSPECTED, AFFIRMED. */
export type RelationshipTypeScalarFilters = {
  eq?: InputMaybe<Scalars['String']['input']>;
  in?: InputMaybe<Array<Scalars['String']['input']>>;
};

/** Filter on the relationship of an edge (the `edge` of a connection filter). */
export type RelationshipWhere = {
  AND?: InputMaybe<Array<RelationshipWhere>>;
  NOT?: InputMaybe<RelationshipWhere>;
  OR?: InputMaybe<Array<RelationshipWhere>>;
  implied?: InputMaybe<BooleanScalarFilters>;
  note?: InputMaybe<StringScalarFilters>;
  type?: InputMaybe<RelationshipTypeScalarFilters>;
};

/** A page of search hits and the number of all hits (`searchConnection`). */
export type SearchConnection = {
  __typename?: 'SearchConnection';
  edges: Array<SearchEdge>;
  pageInfo: PageInfo;
  /** How many entities the search finds in all. */
  totalCount: Scalars['Int']['output'];
};

/** One search hit and its cursor. */
export type SearchEdge = {
  __typename?: 'SearchEdge';
  cursor: Scalars['String']['output'];
  node: SearchHit;
};

export type SearchHit = {
  __typename?: 'SearchHit';
  entity: Entity;
  /** The matching text with the matched terms wrapped in <em>…</em> (other text HTML-escaped). */
  highlight: Maybe<Scalars['String']['output']>;
  /**
   * Relevance of the hit; higher is better: Lucene's BM25 plus 500 when a name, English name
   * or alias is the query, 400 when one begins with it, 300 when a name or alias holds it, 200
   * when the English name does, 100 when the description does.
   */
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

/** The shortest and longest value of a String field (ties: the lexically first). */
export type StringAggregateSelection = {
  __typename?: 'StringAggregateSelection';
  longest: Maybe<Scalars['String']['output']>;
  shortest: Maybe<Scalars['String']['output']>;
};

/** Filters on an aggregate of a string field over the related entities (v7): the average, shortest and longest length (in characters). */
export type StringScalarAggregationFilters = {
  averageLength?: InputMaybe<FloatScalarFilters>;
  longestLength?: InputMaybe<IntScalarFilters>;
  shortestLength?: InputMaybe<IntScalarFilters>;
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
  /** Leaders who affirmed and gave instructions on this work (AFFIRMED). */
  affirmedBy: Array<Leader>;
  /** `affirmedBy` as a connection; each edge carries its relationship and evidence. */
  affirmedByConnection: LeadersConnection;
  aliases: Array<Scalars['String']['output']>;
  /** The reform area (e.g. 资源要素). */
  area: Maybe<Scalars['String']['output']>;
  /**
   * What each dataset says of each plain property (every property but id, aliases and the
   * evidence): one claim per dataset per property, by field then dataset, with that dataset's
   * evidence. `field` keeps that property's claims only. The plain property shows the value of
   * the first dataset by id that gives one.
   */
  claims: Array<Claim>;
  /** Items completed. */
  completed: Maybe<Scalars['Int']['output']>;
  /** The properties whose values differ between the datasets that assert this entity (sorted; empty when they agree). */
  conflicts: Array<Scalars['String']['output']>;
  /**
   * The ids of the loaded datasets that assert this entity, by id (the first gives the plain
   * properties' values).
   */
  datasets: Array<Scalars['ID']['output']>;
  /** Bodies responsible for the task (RESPONSIBLE_FOR). */
  departments: Array<Department>;
  /** `departments` as a connection; each edge carries its relationship and evidence. */
  departmentsConnection: DepartmentsConnection;
  description: Maybe<Scalars['String']['output']>;
  /**
   * The changes of this entity (added, removed, changed), newest first: `limit` (default the
   * nested limit) after `offset`.
   */
  history: Array<Change>;
  id: Scalars['ID']['output'];
  /** Leaders who lead the task (LEADS). */
  leaders: Array<Leader>;
  /** `leaders` as a connection; each edge carries its relationship and evidence. */
  leadersConnection: LeadersConnection;
  name: Scalars['String']['output'];
  nameEn: Maybe<Scalars['String']['output']>;
  note: Maybe<Scalars['String']['output']>;
  /** Outcomes the task achieved (ACHIEVED). */
  outcomes: Array<Outcome>;
  /** `outcomes` as a connection; each edge carries its relationship and evidence. */
  outcomesConnection: OutcomesConnection;
  /** The task this one is part of (PART_OF). */
  parent: Maybe<Task>;
  /** `parent` as a connection; each edge carries its relationship and evidence. */
  parentConnection: TasksConnection;
  /** Pilot programs under this task (PART_OF). */
  pilotPrograms: Array<PilotProgram>;
  /** `pilotPrograms` as a connection; each edge carries its relationship and evidence. */
  pilotProgramsConnection: PilotProgramsConnection;
  /** Items planned. */
  planned: Maybe<Scalars['Int']['output']>;
  /** Policies the task implements (IMPLEMENTS). */
  policies: Array<Policy>;
  /** `policies` as a connection; each edge carries its relationship and evidence. */
  policiesConnection: PoliciesConnection;
  sources: Array<Evidence>;
  status: Maybe<TaskStatus>;
  /** Tasks that are part of this one (PART_OF). */
  subtasks: Array<Task>;
  /** `subtasks` as a connection; each edge carries its relationship and evidence. */
  subtasksConnection: TasksConnection;
  /** Bodies that support the task (SUPPORTS). */
  supportedBy: Array<Department>;
  /** `supportedBy` as a connection; each edge carries its relationship and evidence. */
  supportedByConnection: DepartmentsConnection;
  year: Maybe<Scalars['Int']['output']>;
};


/** A reform area, sub-task, key item, measure or campaign. */
export type TaskAffirmedByArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<LeaderSort>>;
  where?: InputMaybe<LeaderWhere>;
};


/** A reform area, sub-task, key item, measure or campaign. */
export type TaskAffirmedByConnectionArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<LeaderConnectionSort>>;
  where?: InputMaybe<LeaderConnectionWhere>;
};


/** A reform area, sub-task, key item, measure or campaign. */
export type TaskClaimsArgs = {
  field?: InputMaybe<Scalars['String']['input']>;
};


/** A reform area, sub-task, key item, measure or campaign. */
export type TaskDepartmentsArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<DepartmentSort>>;
  where?: InputMaybe<DepartmentWhere>;
};


/** A reform area, sub-task, key item, measure or campaign. */
export type TaskDepartmentsConnectionArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<DepartmentConnectionSort>>;
  where?: InputMaybe<DepartmentConnectionWhere>;
};


/** A reform area, sub-task, key item, measure or campaign. */
export type TaskHistoryArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
};


/** A reform area, sub-task, key item, measure or campaign. */
export type TaskLeadersArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<LeaderSort>>;
  where?: InputMaybe<LeaderWhere>;
};


/** A reform area, sub-task, key item, measure or campaign. */
export type TaskLeadersConnectionArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<LeaderConnectionSort>>;
  where?: InputMaybe<LeaderConnectionWhere>;
};


/** A reform area, sub-task, key item, measure or campaign. */
export type TaskOutcomesArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<OutcomeSort>>;
  where?: InputMaybe<OutcomeWhere>;
};


/** A reform area, sub-task, key item, measure or campaign. */
export type TaskOutcomesConnectionArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<OutcomeConnectionSort>>;
  where?: InputMaybe<OutcomeConnectionWhere>;
};


/** A reform area, sub-task, key item, measure or campaign. */
export type TaskParentConnectionArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<TaskConnectionSort>>;
  where?: InputMaybe<TaskConnectionWhere>;
};


/** A reform area, sub-task, key item, measure or campaign. */
export type TaskPilotProgramsArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<PilotProgramSort>>;
  where?: InputMaybe<PilotProgramWhere>;
};


/** A reform area, sub-task, key item, measure or campaign. */
export type TaskPilotProgramsConnectionArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<PilotProgramConnectionSort>>;
  where?: InputMaybe<PilotProgramConnectionWhere>;
};


/** A reform area, sub-task, key item, measure or campaign. */
export type TaskPoliciesArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<PolicySort>>;
  where?: InputMaybe<PolicyWhere>;
};


/** A reform area, sub-task, key item, measure or campaign. */
export type TaskPoliciesConnectionArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<PolicyConnectionSort>>;
  where?: InputMaybe<PolicyConnectionWhere>;
};


/** A reform area, sub-task, key item, measure or campaign. */
export type TaskSubtasksArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<TaskSort>>;
  where?: InputMaybe<TaskWhere>;
};


/** A reform area, sub-task, key item, measure or campaign. */
export type TaskSubtasksConnectionArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<TaskConnectionSort>>;
  where?: InputMaybe<TaskConnectionWhere>;
};


/** A reform area, sub-task, key item, measure or campaign. */
export type TaskSupportedByArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<DepartmentSort>>;
  where?: InputMaybe<DepartmentWhere>;
};


/** A reform area, sub-task, key item, measure or campaign. */
export type TaskSupportedByConnectionArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<DepartmentConnectionSort>>;
  where?: InputMaybe<DepartmentConnectionWhere>;
};

export type TaskAggregate = {
  __typename?: 'TaskAggregate';
  count: Count;
  /**
   * The matching entities grouped by one field: by a scalar field's value, or by the entity at
   * the other end of a relationship field (an entity with several falls in several groups; one
   * with none in the group whose value is null). Largest groups first, then by value. At most
   * `limit` groups (default 100, at most 1000).
   */
  groupBy: Array<TaskGroup>;
  node: TaskAggregateNode;
};


export type TaskAggregateGroupByArgs = {
  field: TaskGroupField;
  limit?: InputMaybe<Scalars['Int']['input']>;
};

/** Filters on the entities related through one relationship field, as an aggregate (v7's `<field>Aggregate`). */
export type TaskAggregateFilters = {
  AND?: InputMaybe<Array<TaskAggregateFilters>>;
  NOT?: InputMaybe<TaskAggregateFilters>;
  OR?: InputMaybe<Array<TaskAggregateFilters>>;
  /** The number of distinct related entities (0 when there are none). */
  count?: InputMaybe<IntScalarFilters>;
  node?: InputMaybe<TaskAggregateNodeFilters>;
};

export type TaskAggregateNode = {
  __typename?: 'TaskAggregateNode';
  area: Maybe<StringAggregateSelection>;
  completed: Maybe<IntAggregateSelection>;
  description: Maybe<StringAggregateSelection>;
  name: Maybe<StringAggregateSelection>;
  nameEn: Maybe<StringAggregateSelection>;
  planned: Maybe<IntAggregateSelection>;
  year: Maybe<IntAggregateSelection>;
};

/** Aggregates of the related entities' fields, each compared with its filters (v7's `node` in `<field>Aggregate`). */
export type TaskAggregateNodeFilters = {
  AND?: InputMaybe<Array<TaskAggregateNodeFilters>>;
  NOT?: InputMaybe<TaskAggregateNodeFilters>;
  OR?: InputMaybe<Array<TaskAggregateNodeFilters>>;
  area?: InputMaybe<StringScalarAggregationFilters>;
  completed?: InputMaybe<IntScalarAggregationFilters>;
  description?: InputMaybe<StringScalarAggregationFilters>;
  name?: InputMaybe<StringScalarAggregationFilters>;
  nameEn?: InputMaybe<StringScalarAggregationFilters>;
  planned?: InputMaybe<IntScalarAggregationFilters>;
  year?: InputMaybe<IntScalarAggregationFilters>;
};

/** Relationship filters over connection edges: `some`, `none`, `all`, `single` edge matches. */
export type TaskConnectionFilters = {
  all?: InputMaybe<TaskConnectionWhere>;
  none?: InputMaybe<TaskConnectionWhere>;
  single?: InputMaybe<TaskConnectionWhere>;
  some?: InputMaybe<TaskConnectionWhere>;
};

/** Sort key of a relationship-field connection: on the related entity or on the relationship. */
export type TaskConnectionSort = {
  edge?: InputMaybe<RelationshipSort>;
  node?: InputMaybe<TaskSort>;
};

/** Filter of a relationship-field connection: on the related entity (`node`) and on the relationship (`edge`). */
export type TaskConnectionWhere = {
  AND?: InputMaybe<Array<TaskConnectionWhere>>;
  NOT?: InputMaybe<TaskConnectionWhere>;
  OR?: InputMaybe<Array<TaskConnectionWhere>>;
  edge?: InputMaybe<RelationshipWhere>;
  node?: InputMaybe<TaskWhere>;
};

export type TaskEdge = {
  __typename?: 'TaskEdge';
  /** Opaque; pass it as `after` to get the edges after this one. */
  cursor: Scalars['String']['output'];
  node: Task;
  /** The relationship and its evidence on relationship-field connections; null on root connections. */
  properties: Maybe<RelationshipProperties>;
};

/** One group of Tasks: the field's value (as text) or the related entity, and its members. */
export type TaskGroup = {
  __typename?: 'TaskGroup';
  /** Number of Tasks in the group. */
  count: Scalars['Int']['output'];
  /** The related entity, when grouping by a relationship field. */
  entity: Maybe<Entity>;
  /** The Tasks in the group. */
  nodes: Array<Task>;
  /** The grouped field's value as text (an id when grouping by a relationship field); null for entities without one. */
  value: Maybe<Scalars['String']['output']>;
};


/** One group of Tasks: the field's value (as text) or the related entity, and its members. */
export type TaskGroupNodesArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<TaskSort>>;
};

/** Fields to group Tasks by: scalar fields, and relationship fields (grouped by the related entity). */
export type TaskGroupField =
  | 'affirmedBy'
  | 'area'
  | 'completed'
  | 'departments'
  | 'leaders'
  | 'outcomes'
  | 'parent'
  | 'pilotPrograms'
  | 'planned'
  | 'policies'
  | 'status'
  | 'subtasks'
  | 'supportedBy'
  | 'year';

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
  affirmedBy?: InputMaybe<LeaderRelationshipFilters>;
  affirmedByAggregate?: InputMaybe<LeaderAggregateFilters>;
  affirmedByConnection?: InputMaybe<LeaderConnectionFilters>;
  area?: InputMaybe<StringScalarFilters>;
  completed?: InputMaybe<IntScalarFilters>;
  departments?: InputMaybe<DepartmentRelationshipFilters>;
  departmentsAggregate?: InputMaybe<DepartmentAggregateFilters>;
  departmentsConnection?: InputMaybe<DepartmentConnectionFilters>;
  description?: InputMaybe<StringScalarFilters>;
  id?: InputMaybe<IdScalarFilters>;
  leaders?: InputMaybe<LeaderRelationshipFilters>;
  leadersAggregate?: InputMaybe<LeaderAggregateFilters>;
  leadersConnection?: InputMaybe<LeaderConnectionFilters>;
  name?: InputMaybe<StringScalarFilters>;
  nameEn?: InputMaybe<StringScalarFilters>;
  outcomes?: InputMaybe<OutcomeRelationshipFilters>;
  outcomesAggregate?: InputMaybe<OutcomeAggregateFilters>;
  outcomesConnection?: InputMaybe<OutcomeConnectionFilters>;
  parent?: InputMaybe<TaskRelationshipFilters>;
  parentAggregate?: InputMaybe<TaskAggregateFilters>;
  parentConnection?: InputMaybe<TaskConnectionFilters>;
  pilotPrograms?: InputMaybe<PilotProgramRelationshipFilters>;
  pilotProgramsAggregate?: InputMaybe<PilotProgramAggregateFilters>;
  pilotProgramsConnection?: InputMaybe<PilotProgramConnectionFilters>;
  planned?: InputMaybe<IntScalarFilters>;
  policies?: InputMaybe<PolicyRelationshipFilters>;
  policiesAggregate?: InputMaybe<PolicyAggregateFilters>;
  policiesConnection?: InputMaybe<PolicyConnectionFilters>;
  status?: InputMaybe<TaskStatusEnumScalarFilters>;
  subtasks?: InputMaybe<TaskRelationshipFilters>;
  subtasksAggregate?: InputMaybe<TaskAggregateFilters>;
  subtasksConnection?: InputMaybe<TaskConnectionFilters>;
  supportedBy?: InputMaybe<DepartmentRelationshipFilters>;
  supportedByAggregate?: InputMaybe<DepartmentAggregateFilters>;
  supportedByConnection?: InputMaybe<DepartmentConnectionFilters>;
  year?: InputMaybe<IntScalarFilters>;
};

/** A page of Task entities (Relay connection). */
export type TasksConnection = {
  __typename?: 'TasksConnection';
  /** Aggregates over all edges matching the filter (not only this page); computed only when selected. */
  aggregate: TaskAggregate;
  edges: Array<TaskEdge>;
  pageInfo: PageInfo;
  /** All edges matching the filter, across pages; counted only when selected. */
  totalCount: Scalars['Int']['output'];
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
