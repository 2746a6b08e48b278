import { relations } from "drizzle-orm";
import { accessExceptions, dataSets, workflowDataSets, workflowEscalationSteps, workflows } from "./catalogue";
import { credentials, entitlements, nhis, workflowNhis } from "./identity";
import { apiKeys, users } from "./people";

export const usersRelations = relations(users, ({ many }) => ({ apiKeys: many(apiKeys) }));
export const apiKeysRelations = relations(apiKeys, ({ one }) => ({
  user: one(users, { fields: [apiKeys.userId], references: [users.id] }),
}));

export const dataSetsRelations = relations(dataSets, ({ one }) => ({
  owner: one(users, { fields: [dataSets.ownerId], references: [users.id] }),
}));

export const workflowsRelations = relations(workflows, ({ one, many }) => ({
  businessOwner: one(users, { fields: [workflows.businessOwnerId], references: [users.id], relationName: "businessOwner" }),
  identityOwner: one(users, { fields: [workflows.identityOwnerId], references: [users.id], relationName: "identityOwner" }),
  dataSets: many(workflowDataSets),
  escalationSteps: many(workflowEscalationSteps),
  identities: many(workflowNhis),
  entitlements: many(entitlements),
  exceptions: many(accessExceptions),
}));

export const workflowDataSetsRelations = relations(workflowDataSets, ({ one }) => ({
  workflow: one(workflows, { fields: [workflowDataSets.workflowId], references: [workflows.id] }),
  dataSet: one(dataSets, { fields: [workflowDataSets.dataSetId], references: [dataSets.id] }),
}));

export const workflowEscalationStepsRelations = relations(workflowEscalationSteps, ({ one }) => ({
  workflow: one(workflows, { fields: [workflowEscalationSteps.workflowId], references: [workflows.id] }),
  user: one(users, { fields: [workflowEscalationSteps.userId], references: [users.id] }),
}));

export const accessExceptionsRelations = relations(accessExceptions, ({ one }) => ({
  workflow: one(workflows, { fields: [accessExceptions.workflowId], references: [workflows.id] }),
  dataSet: one(dataSets, { fields: [accessExceptions.dataSetId], references: [dataSets.id] }),
}));

export const nhisRelations = relations(nhis, ({ one, many }) => ({
  owner: one(users, { fields: [nhis.ownerId], references: [users.id] }),
  workflows: many(workflowNhis),
  entitlements: many(entitlements),
  credentials: many(credentials),
}));

export const workflowNhisRelations = relations(workflowNhis, ({ one }) => ({
  workflow: one(workflows, { fields: [workflowNhis.workflowId], references: [workflows.id] }),
  nhi: one(nhis, { fields: [workflowNhis.nhiId], references: [nhis.id] }),
}));

export const entitlementsRelations = relations(entitlements, ({ one, many }) => ({
  workflow: one(workflows, { fields: [entitlements.workflowId], references: [workflows.id] }),
  nhi: one(nhis, { fields: [entitlements.nhiId], references: [nhis.id] }),
  dataSet: one(dataSets, { fields: [entitlements.dataSetId], references: [dataSets.id] }),
  credentials: many(credentials),
}));

export const credentialsRelations = relations(credentials, ({ one }) => ({
  nhi: one(nhis, { fields: [credentials.nhiId], references: [nhis.id] }),
  entitlement: one(entitlements, { fields: [credentials.entitlementId], references: [entitlements.id] }),
}));
