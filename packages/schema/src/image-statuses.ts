/** The statuses Nova reports; others (`OS-EXT:foo`) are kept as they are. */
export const IMAGE_STATUSES: readonly ['ACTIVE', 'SAVING', 'DELETED', 'ERROR', 'UNKNOWN'] =
  /* @__PURE__ */ Object.freeze(['ACTIVE', 'SAVING', 'DELETED', 'ERROR', 'UNKNOWN'] as const);
