// Every table of the domain model (DESIGN.md), split by area.
export * from "./schema/enums";
export * from "./schema/people";
export * from "./schema/catalogue";
export * from "./schema/identity";
export * from "./schema/revocation";
export * from "./schema/runtime";
export * from "./schema/reviews";
export * from "./schema/governance";
export * from "./schema/relations";
