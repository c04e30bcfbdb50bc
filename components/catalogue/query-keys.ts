// Query keys for frameworks: invalidate by prefix (frameworkKeys.all) after an import or a mapping change.
export const frameworkKeys = {
  all: ["frameworks"] as const,
  list: () => ["frameworks", "list"] as const,
};
